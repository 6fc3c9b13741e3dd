import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  computeScheduleShifts,
  CreateEscalationPolicyRequest,
  CreateScheduleRequest,
  EscalationPolicy,
  findEscalationPolicyProblems,
  findOverrideProblems,
  findScheduleProblems,
  MyShift,
  onCallOwnerResourceRef,
  OnCallResponse,
  Schedule,
  ScheduleProblem,
  Shift,
  UpdateEscalationPolicyRequest,
  UpdateScheduleRequest,
} from '@firebreak/backstage-plugin-common';
import { OnCallPermissionResource } from '../permissions/oncall';
import { OnCallAuthorizer } from './OnCallAuthorizer';
import { OnCallResolver } from './OnCallResolver';
import { OnCallStore } from './OnCallStore';
import { requireEntityOfKind } from '../entityOfKind';
import { loadGroupOwnedResources } from '../permissions/groupOwnedResource';
import { lowerRef } from '../refs';

const DAY = 86_400_000;
/** The longest stretch one shifts request may cover. */
const MAX_RANGE_DAYS = 366;

function fail(problems: ScheduleProblem[]): void {
  if (problems.length > 0) {
    throw new InputError(`${problems[0].field}: ${problems[0].message}`);
  }
}

/** Every participant of the layers, with the field that names it. */
function participantsOf(layers: CreateScheduleRequest['layers']) {
  return layers.flatMap((layer, l) =>
    layer.participants.map((ref, p) => ({
      ref,
      field: `layers[${l}].participants[${p}]`,
    })),
  );
}

/**
 * The signed-in person a request comes from, lower-cased, if it comes from a person.
 *
 * @internal
 */
export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' && principal.userEntityRef
    ? lowerRef(principal.userEntityRef)
    : undefined;
}

/**
 * The rules of on-call: schedules, overrides and escalation policies (who may change what, what
 * is valid), who is on call for an entity, shifts, and calendar feeds.
 *
 * @internal
 */
export class OnCallService {
  private readonly authorizer: OnCallAuthorizer;

  constructor(
    private readonly deps: {
      store: OnCallStore;
      resolver: OnCallResolver;
      catalog: CatalogService;
      permissions: PermissionsService;
      now: () => Date;
    },
  ) {
    this.authorizer = new OnCallAuthorizer(deps.permissions);
  }

  async createSchedule(
    input: CreateScheduleRequest,
    credentials: BackstageCredentials,
  ): Promise<Schedule> {
    await this.authorizer.authorizeManageOwner(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    fail(findScheduleProblems(input));
    const ownerRef = await this.requireGroup(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    await this.requireUsersInCatalog(participantsOf(input.layers), credentials);
    return this.deps.store.createSchedule(
      { ...input, ownerRef, layers: this.normalizeLayers(input.layers) },
      this.deps.now(),
    );
  }

  async getSchedule(id: string, credentials: BackstageCredentials) {
    await this.authorizer.authorizeRead(credentials);
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
    await this.authorizer.authorizeRead(credentials);
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
    const current = await this.getSchedule(id, credentials);
    await this.authorizer.authorizeUpdate(
      { kind: 'schedule', id: current.id, ownerRef: current.ownerRef },
      credentials,
    );
    await this.authorizeMove(current.ownerRef, input.ownerRef, credentials);
    fail(
      findScheduleProblems({
        timeZone: input.timeZone ?? current.timeZone,
        layers: input.layers ?? current.layers,
      }),
    );
    const ownerRef = input.ownerRef
      ? await this.requireGroup(input.ownerRef, 'ownerRef', credentials)
      : undefined;
    if (input.layers) {
      await this.requireUsersInCatalog(
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
        layers: input.layers && this.normalizeLayers(input.layers),
      },
      this.deps.now(),
    );
  }

  async deleteSchedule(id: string, credentials: BackstageCredentials) {
    const current = await this.getSchedule(id, credentials);
    await this.authorizer.authorizeUpdate(
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
    const schedule = await this.getSchedule(scheduleId, credentials);
    await this.authorizer.authorizeUpdate(
      { kind: 'schedule', id: schedule.id, ownerRef: schedule.ownerRef },
      credentials,
    );
    fail(findOverrideProblems(input));
    await this.requireUsersInCatalog(
      [{ ref: input.userRef, field: 'userRef' }],
      credentials,
    );
    return this.deps.store.addOverride(
      schedule.id,
      {
        userRef: this.normalizeUser(input.userRef),
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
    await this.authorizer.authorizeUpdate(
      { kind: 'schedule', id: schedule.id, ownerRef: schedule.ownerRef },
      credentials,
    );
    if (!(await this.deps.store.deleteOverride(schedule.id, overrideId))) {
      throw new NotFoundError(`No override ${overrideId} on ${scheduleId}`);
    }
  }

  /** The final shifts of a schedule between two instants. */
  async scheduleShifts(
    id: string,
    range: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<Shift[]> {
    await this.authorizer.authorizeRead(credentials);
    const { from, to } = this.range(range);
    const schedule = (await this.deps.store.getSchedules([id], from, to)).get(
      lowerRef(id),
    );
    if (!schedule) {
      throw new NotFoundError(`No schedule ${id}`);
    }
    return computeScheduleShifts(schedule, from, to);
  }

  async createPolicy(
    input: CreateEscalationPolicyRequest,
    credentials: BackstageCredentials,
  ): Promise<EscalationPolicy> {
    await this.authorizer.authorizeManageOwner(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    if (!input.name?.trim()) {
      throw new InputError('name: must not be empty');
    }
    fail(findEscalationPolicyProblems(input));
    const ownerRef = await this.requireGroup(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    const levels = await this.checkTargets(input.levels, credentials);
    return this.deps.store.createPolicy(
      {
        name: input.name.trim(),
        ownerRef,
        levels,
        repeat: input.repeat ?? 0,
        isDefault: input.isDefault,
      },
      this.deps.now(),
    );
  }

  async getPolicy(idOrName: string, credentials: BackstageCredentials) {
    await this.authorizer.authorizeRead(credentials);
    const policy = await this.deps.store.getPolicy(idOrName);
    if (!policy) {
      throw new NotFoundError(`No escalation policy ${idOrName}`);
    }
    return policy;
  }

  async listPolicies(
    filter: { ownerRef?: string },
    credentials: BackstageCredentials,
  ) {
    await this.authorizer.authorizeRead(credentials);
    return this.deps.store.listPolicies({
      ownerRefs: filter.ownerRef ? [filter.ownerRef] : undefined,
    });
  }

  async updatePolicy(
    idOrName: string,
    input: UpdateEscalationPolicyRequest,
    credentials: BackstageCredentials,
  ) {
    const current = await this.getPolicy(idOrName, credentials);
    await this.authorizer.authorizeUpdate(
      {
        kind: 'escalation-policy',
        id: current.id,
        ownerRef: current.ownerRef,
      },
      credentials,
    );
    const moving = await this.authorizeMove(
      current.ownerRef,
      input.ownerRef,
      credentials,
    );
    if (input.isDefault && !moving) {
      // Making a policy its team's default changes who that team pages: as much as creating one.
      await this.authorizer.authorizeManageOwner(
        current.ownerRef,
        'isDefault',
        credentials,
      );
    }
    if (input.name !== undefined && !input.name.trim()) {
      throw new InputError('name: must not be empty');
    }
    fail(
      findEscalationPolicyProblems({
        levels: input.levels ?? current.levels,
        repeat: input.repeat ?? current.repeat,
      }),
    );
    return this.deps.store.updatePolicy(
      current.id,
      input.version,
      {
        name: input.name?.trim(),
        ownerRef: input.ownerRef
          ? await this.requireGroup(input.ownerRef, 'ownerRef', credentials)
          : undefined,
        levels:
          input.levels && (await this.checkTargets(input.levels, credentials)),
        repeat: input.repeat,
        // A policy is only ever its own team's default: one that moves is not the new team's.
        isDefault: input.isDefault ?? (moving ? false : undefined),
      },
      this.deps.now(),
    );
  }

  async deletePolicy(idOrName: string, credentials: BackstageCredentials) {
    const current = await this.getPolicy(idOrName, credentials);
    await this.authorizer.authorizeUpdate(
      {
        kind: 'escalation-policy',
        id: current.id,
        ownerRef: current.ownerRef,
      },
      credentials,
    );
    await this.deps.store.deletePolicy(current.id);
  }

  /** Who is on call for each entity at an instant (default now), in the order asked. */
  async onCall(
    entityRefs: string[],
    at: string | undefined,
    credentials: BackstageCredentials,
    /** The request field the refs came from: `entityRef` for one, else indexed. */
    field: string = 'entityRef',
  ): Promise<OnCallResponse[]> {
    await this.authorizer.authorizeRead(credentials);
    const instant = at ? new Date(at) : this.deps.now();
    const refs = entityRefs.map((ref, index) => {
      try {
        return lowerRef(stringifyEntityRef(parseEntityRef(ref)));
      } catch {
        throw new InputError(
          `${
            field === 'entityRef' ? field : `${field}[${index}]`
          }: '${ref}' is not an entity ref`,
        );
      }
    });
    const unique = [...new Set(refs)];
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'relations',
        ],
      },
      { credentials },
    );
    const missing = unique.findIndex((_, i) => !items[i]);
    if (missing >= 0) {
      throw new NotFoundError(`No entity ${unique[missing]} in the catalog`);
    }
    const policies = await this.deps.resolver.policiesFor(
      items.filter(Boolean) as NonNullable<(typeof items)[number]>[],
    );

    // Resolve each distinct policy once, reading every schedule involved in one query.
    const distinct = new Map<string, EscalationPolicy>();
    for (const found of policies.values()) {
      distinct.set(found.policy.id, found.policy);
    }
    const schedules = await this.deps.resolver.schedulesOf(
      [...distinct.values()].flatMap(p => p.levels),
      instant,
    );
    const memo = new Map();
    const levelsByPolicy = new Map(
      [...distinct.values()].map(policy => [
        policy.id,
        this.deps.resolver.levelsAt(policy.levels, schedules, instant, memo),
      ]),
    );

    return refs.map(entityRef => {
      const found = policies.get(entityRef);
      if (!found) {
        return { entityRef, levels: [] };
      }
      return {
        entityRef,
        policy: {
          id: found.policy.id,
          name: found.policy.name,
          ownerRef: found.policy.ownerRef,
        },
        policySource: found.source,
        levels: levelsByPolicy.get(found.policy.id) ?? [],
      };
    });
  }

  /** A person's shifts across every schedule between two instants. */
  async shiftsOf(
    userRef: string,
    range: { from?: string; to?: string },
  ): Promise<MyShift[]> {
    const { from, to } = this.range(range);
    const user = lowerRef(userRef);
    const all = await this.deps.store.listSchedules({}, from);
    const involved = all.filter(
      schedule =>
        schedule.layers.some(layer => layer.participants.includes(user)) ||
        schedule.overrides.some(o => o.userRef === user),
    );
    const withOverrides = await this.deps.store.getSchedules(
      involved.map(s => s.id),
      from,
      to,
    );
    return involved
      .flatMap(schedule =>
        computeScheduleShifts(
          withOverrides.get(schedule.id) ?? schedule,
          from,
          to,
        )
          .filter(shift => shift.userRef === user)
          .map(shift => ({
            scheduleId: schedule.id,
            scheduleName: schedule.name,
            start: shift.start,
            end: shift.end,
          })),
      )
      .sort((a, b) => a.start.localeCompare(b.start));
  }

  async myShifts(
    range: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ) {
    await this.authorizer.authorizeRead(credentials);
    const userRef = userRefOf(credentials);
    if (!userRef) {
      throw new NotAllowedError(
        'Only a signed-in person has shifts of their own',
      );
    }
    return this.shiftsOf(userRef, range);
  }

  /** Loads what permission rules need of schedules and policies, by resource ref. */
  async getPermissionResources(
    refs: string[],
  ): Promise<Array<OnCallPermissionResource | undefined>> {
    const now = this.deps.now();
    // `owner:<group ref>` is a team's on-call configuration as a whole, for creating, moving and
    // defaults.
    return loadGroupOwnedResources(refs, async (kind, id) => {
      if (kind === 'schedule') {
        const schedule = await this.deps.store.getSchedule(id, now);
        return schedule && { kind, id, ownerRef: schedule.ownerRef };
      }
      if (kind === 'escalation-policy') {
        const policy = await this.deps.store.getPolicy(id);
        return policy && { kind, id: policy.id, ownerRef: policy.ownerRef };
      }
      return undefined;
    });
  }

  /**
   * Moving to another team needs the right to manage that team's on-call too. True when the
   * owner changes.
   */
  private async authorizeMove(
    currentOwnerRef: string,
    newOwnerRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (
      newOwnerRef === undefined ||
      onCallOwnerResourceRef(currentOwnerRef) ===
        this.ownerResourceRef(newOwnerRef)
    ) {
      return false;
    }
    await this.authorizer.authorizeManageOwner(
      newOwnerRef,
      'ownerRef',
      credentials,
    );
    return true;
  }

  private ownerResourceRef(ownerRef: string) {
    try {
      return onCallOwnerResourceRef(ownerRef);
    } catch {
      throw new InputError(`ownerRef: '${ownerRef}' is not an entity ref`);
    }
  }

  private range(range: { from?: string; to?: string }) {
    const now = this.deps.now().getTime();
    const from = range.from ? new Date(range.from) : new Date(now);
    const to = range.to
      ? new Date(range.to)
      : new Date(from.getTime() + 14 * DAY);
    if (Number.isNaN(from.getTime())) {
      throw new InputError('from: must be an ISO 8601 instant');
    }
    if (Number.isNaN(to.getTime())) {
      throw new InputError('to: must be an ISO 8601 instant');
    }
    if (to <= from) {
      throw new InputError('to: must be after from');
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
      throw new InputError(`to: at most ${MAX_RANGE_DAYS} days after from`);
    }
    return { from, to };
  }

  private normalizeUser(ref: string) {
    return lowerRef(
      stringifyEntityRef(parseEntityRef(ref, { defaultNamespace: 'default' })),
    );
  }

  private normalizeLayers(layers: CreateScheduleRequest['layers']) {
    return layers.map(layer => ({
      ...layer,
      name: layer.name.trim(),
      participants: layer.participants.map(ref => this.normalizeUser(ref)),
    }));
  }

  private async checkTargets(
    levels: CreateEscalationPolicyRequest['levels'],
    credentials: BackstageCredentials,
  ) {
    const scheduleIds = levels.flatMap(l =>
      l.targets.filter(t => t.type === 'schedule').map(t => t.ref),
    );
    const schedules = await this.deps.store.getSchedules(
      scheduleIds,
      this.deps.now(),
    );
    const users: Array<{ ref: string; field: string }> = [];
    levels.forEach((level, l) =>
      level.targets.forEach((target, t) => {
        const field = `levels[${l}].targets[${t}].ref`;
        if (
          target.type === 'schedule' &&
          !schedules.has(lowerRef(target.ref))
        ) {
          throw new InputError(`${field}: no schedule ${target.ref}`);
        }
        if (target.type === 'user') {
          users.push({ ref: target.ref, field });
        }
      }),
    );
    await this.requireUsersInCatalog(users, credentials);
    return levels.map(level => ({
      ackTimeoutMinutes: level.ackTimeoutMinutes,
      targets: level.targets.map(target => ({
        type: target.type,
        ref:
          target.type === 'user'
            ? this.normalizeUser(target.ref)
            : lowerRef(target.ref),
      })),
    }));
  }

  private requireGroup(
    ref: string,
    field: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return requireEntityOfKind(
      this.deps.catalog,
      ref,
      'group',
      field,
      credentials,
    );
  }

  private async requireUsersInCatalog(
    users: Array<{ ref: string; field: string }>,
    credentials: BackstageCredentials,
  ) {
    if (users.length === 0) {
      return;
    }
    const refs = users.map(u => this.normalizeUser(u.ref));
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    const missing = items.findIndex(item => !item);
    if (missing >= 0) {
      throw new InputError(
        `${users[missing].field}: '${users[missing].ref}' is not in the catalog`,
      );
    }
  }
}
