import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CreateScheduleRequest,
  findOverrideProblems,
  findScheduleProblems,
  Schedule,
  UpdateScheduleRequest,
} from '@firebreak/backstage-plugin-common';
import {
  failOnProblems,
  OnCallEditingDeps,
  participantsOf,
  userRefOf,
} from './OnCallInput';

/**
 * Schedules and their overrides: who may create, change and delete them, and what is valid.
 *
 * @internal
 */
export class ScheduleEditing {
  constructor(private readonly deps: OnCallEditingDeps) {}

  async createSchedule(
    input: CreateScheduleRequest,
    credentials: BackstageCredentials,
  ): Promise<Schedule> {
    const { authorizer, input: check } = this.deps;
    await authorizer.authorizeManageOwner(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    failOnProblems(findScheduleProblems(input));
    const ownerRef = await check.requireGroup(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    await check.requireUsersInCatalog(
      participantsOf(input.layers),
      credentials,
    );
    return this.deps.store.createSchedule(
      { ...input, ownerRef, layers: check.normalizeLayers(input.layers) },
      this.deps.now(),
    );
  }

  async getSchedule(id: string, credentials: BackstageCredentials) {
    await this.deps.authorizer.authorizeRead(credentials);
    const schedule = await this.deps.store.getSchedule(id, this.deps.now());
    if (!schedule) {
      throw new NotFoundError(`No schedule ${id}`);
    }
    return schedule;
  }

  async listSchedules(
    filter: { ownerRef?: string },
    credentials: BackstageCredentials,
  ) {
    await this.deps.authorizer.authorizeRead(credentials);
    return this.deps.store.listSchedules(
      { ownerRefs: filter.ownerRef ? [filter.ownerRef] : undefined },
      this.deps.now(),
    );
  }

  async updateSchedule(
    id: string,
    input: UpdateScheduleRequest,
    credentials: BackstageCredentials,
  ) {
    const { authorizer, input: check } = this.deps;
    const current = await this.getSchedule(id, credentials);
    await authorizer.authorizeUpdate(
      { kind: 'schedule', id: current.id, ownerRef: current.ownerRef },
      credentials,
    );
    await authorizer.authorizeMove(
      current.ownerRef,
      input.ownerRef,
      credentials,
    );
    failOnProblems(
      findScheduleProblems({
        timeZone: input.timeZone ?? current.timeZone,
        layers: input.layers ?? current.layers,
      }),
    );
    const ownerRef = input.ownerRef
      ? await check.requireGroup(input.ownerRef, 'ownerRef', credentials)
      : undefined;
    if (input.layers) {
      await check.requireUsersInCatalog(
        participantsOf(input.layers),
        credentials,
      );
    }
    if (input.name !== undefined && !input.name.trim()) {
      throw new InputError('name: must not be empty');
    }
    return this.deps.store.updateSchedule(
      current.id,
      input.version,
      {
        name: input.name?.trim(),
        ownerRef,
        timeZone: input.timeZone,
        layers: input.layers && check.normalizeLayers(input.layers),
      },
      this.deps.now(),
    );
  }

  async deleteSchedule(id: string, credentials: BackstageCredentials) {
    const current = await this.getSchedule(id, credentials);
    await this.deps.authorizer.authorizeUpdate(
      { kind: 'schedule', id: current.id, ownerRef: current.ownerRef },
      credentials,
    );
    await this.deps.store.deleteSchedule(current.id);
  }

  async addOverride(
    scheduleId: string,
    input: { userRef: string; start: string; end: string },
    credentials: BackstageCredentials,
  ) {
    const { authorizer, input: check } = this.deps;
    const schedule = await this.getSchedule(scheduleId, credentials);
    await authorizer.authorizeUpdate(
      { kind: 'schedule', id: schedule.id, ownerRef: schedule.ownerRef },
      credentials,
    );
    failOnProblems(findOverrideProblems(input));
    await check.requireUsersInCatalog(
      [{ ref: input.userRef, field: 'userRef' }],
      credentials,
    );
    return this.deps.store.addOverride(
      schedule.id,
      {
        userRef: check.normalizeUser(input.userRef),
        start: new Date(input.start),
        end: new Date(input.end),
      },
      userRefOf(credentials) ?? 'service:unknown',
      this.deps.now(),
    );
  }

  async deleteOverride(
    scheduleId: string,
    overrideId: string,
    credentials: BackstageCredentials,
  ) {
    const schedule = await this.getSchedule(scheduleId, credentials);
    await this.deps.authorizer.authorizeUpdate(
      { kind: 'schedule', id: schedule.id, ownerRef: schedule.ownerRef },
      credentials,
    );
    if (!(await this.deps.store.deleteOverride(schedule.id, overrideId))) {
      throw new NotFoundError(`No override ${overrideId} on ${scheduleId}`);
    }
  }
}
