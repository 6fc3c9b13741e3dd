import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CreateEscalationPolicyRequest,
  CreateScheduleRequest,
  EscalationPolicy,
  MyShift,
  OnCallResponse,
  Schedule,
  Shift,
  UpdateEscalationPolicyRequest,
  UpdateScheduleRequest,
} from '@firebreak/backstage-plugin-common';
import { loadGroupOwnedResources } from '../permissions/groupOwnedResource';
import { OnCallPermissionResource } from '../permissions/oncall';
import { OnCallAuthorizer } from './OnCallAuthorizer';
import { OnCallInput } from './OnCallInput';
import { OnCallLookup } from './OnCallLookup';
import { OnCallResolver } from './OnCallResolver';
import { OnCallStore } from './OnCallStore';
import { PolicyEditing } from './PolicyEditing';
import { ScheduleEditing } from './ScheduleEditing';

/**
 * The rules of on-call: schedules, overrides and escalation policies (who may change what, what
 * is valid), who is on call for an entity, shifts, and calendar feeds. This class is the front
 * door; each part lives in its own module beside it.
 *
 * @internal
 */
export class OnCallService {
  private readonly schedules: ScheduleEditing;
  private readonly policies: PolicyEditing;
  private readonly lookup: OnCallLookup;

  constructor(
    private readonly deps: {
      store: OnCallStore;
      resolver: OnCallResolver;
      catalog: CatalogService;
      permissions: PermissionsService;
      now: () => Date;
    },
  ) {
    const authorizer = new OnCallAuthorizer(deps.permissions);
    const input = new OnCallInput(deps);
    this.schedules = new ScheduleEditing({ ...deps, authorizer, input });
    this.policies = new PolicyEditing({ ...deps, authorizer, input });
    this.lookup = new OnCallLookup({ ...deps, authorizer });
  }

  createSchedule(
    input: CreateScheduleRequest,
    credentials: BackstageCredentials,
  ): Promise<Schedule> {
    return this.schedules.createSchedule(input, credentials);
  }

  getSchedule(id: string, credentials: BackstageCredentials) {
    return this.schedules.getSchedule(id, credentials);
  }

  listSchedules(
    filter: { ownerRef?: string },
    credentials: BackstageCredentials,
  ) {
    return this.schedules.listSchedules(filter, credentials);
  }

  updateSchedule(
    id: string,
    input: UpdateScheduleRequest,
    credentials: BackstageCredentials,
  ) {
    return this.schedules.updateSchedule(id, input, credentials);
  }

  deleteSchedule(id: string, credentials: BackstageCredentials) {
    return this.schedules.deleteSchedule(id, credentials);
  }

  addOverride(
    scheduleId: string,
    input: { userRef: string; start: string; end: string },
    credentials: BackstageCredentials,
  ) {
    return this.schedules.addOverride(scheduleId, input, credentials);
  }

  deleteOverride(
    scheduleId: string,
    overrideId: string,
    credentials: BackstageCredentials,
  ) {
    return this.schedules.deleteOverride(scheduleId, overrideId, credentials);
  }

  /** The final shifts of a schedule between two instants. */
  scheduleShifts(
    id: string,
    range: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<Shift[]> {
    return this.lookup.scheduleShifts(id, range, credentials);
  }

  createPolicy(
    input: CreateEscalationPolicyRequest,
    credentials: BackstageCredentials,
  ): Promise<EscalationPolicy> {
    return this.policies.createPolicy(input, credentials);
  }

  getPolicy(idOrName: string, credentials: BackstageCredentials) {
    return this.policies.getPolicy(idOrName, credentials);
  }

  listPolicies(
    filter: { ownerRef?: string },
    credentials: BackstageCredentials,
  ) {
    return this.policies.listPolicies(filter, credentials);
  }

  updatePolicy(
    idOrName: string,
    input: UpdateEscalationPolicyRequest,
    credentials: BackstageCredentials,
  ) {
    return this.policies.updatePolicy(idOrName, input, credentials);
  }

  deletePolicy(idOrName: string, credentials: BackstageCredentials) {
    return this.policies.deletePolicy(idOrName, credentials);
  }

  /** Who is on call for each entity at an instant (default now), in the order asked. */
  onCall(
    entityRefs: string[],
    at: string | undefined,
    credentials: BackstageCredentials,
    /** The request field the refs came from: `entityRef` for one, else indexed. */
    field: string = 'entityRef',
  ): Promise<OnCallResponse[]> {
    return this.lookup.onCall(entityRefs, at, credentials, field);
  }

  /** A person's shifts across every schedule between two instants. */
  shiftsOf(
    userRef: string,
    range: { from?: string; to?: string },
  ): Promise<MyShift[]> {
    return this.lookup.shiftsOf(userRef, range);
  }

  myShifts(
    range: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ) {
    return this.lookup.myShifts(range, credentials);
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
}
