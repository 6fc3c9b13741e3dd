import { ScheduleLayer } from './types';

/**
 * An override as stored: someone covering a schedule for a while.
 *
 * @public
 */
export interface ScheduleOverrideRecord {
  id: string;
  userRef: string;
  /** ISO 8601 instants. */
  start: string;
  end: string;
  createdBy: string;
}

/**
 * A team's on-call schedule.
 *
 * @public
 */
export interface Schedule {
  id: string;
  name: string;
  /** The owning group's entity ref. */
  ownerRef: string;
  /** IANA time zone in which handoffs and restrictions are read. */
  timeZone: string;
  /** Later layers win over earlier ones. */
  layers: ScheduleLayer[];
  /** Overrides that have not ended yet. */
  overrides: ScheduleOverrideRecord[];
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * What creating a schedule takes.
 *
 * @public
 */
export interface CreateScheduleRequest {
  name: string;
  ownerRef: string;
  timeZone: string;
  layers: ScheduleLayer[];
}

/**
 * A change to a schedule against the `version` it was based on.
 *
 * @public
 */
export interface UpdateScheduleRequest {
  version: number;
  name?: string;
  ownerRef?: string;
  timeZone?: string;
  layers?: ScheduleLayer[];
}

/**
 * Whom a level of an escalation policy pages: everyone on call in a schedule, or one user.
 *
 * @public
 */
export interface EscalationTarget {
  type: 'schedule' | 'user';
  /** A schedule id, or a user entity ref. */
  ref: string;
}

/**
 * One level of an escalation policy.
 *
 * @public
 */
export interface EscalationLevel {
  targets: EscalationTarget[];
  /** Minutes to wait for an acknowledgement before the next level is paged. */
  ackTimeoutMinutes: number;
}

/**
 * Who is paged, in which order, when an incident needs people.
 *
 * @public
 */
export interface EscalationPolicy {
  id: string;
  name: string;
  ownerRef: string;
  levels: EscalationLevel[];
  /** How many times the whole policy runs again when nobody acknowledges. */
  repeat: number;
  /** Whether this is the policy that pages for what its owner owns. */
  isDefault: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/**
 * What creating an escalation policy takes.
 *
 * @public
 */
export interface CreateEscalationPolicyRequest {
  name: string;
  ownerRef: string;
  levels: EscalationLevel[];
  repeat?: number;
  /** Defaults to true for an owner's first policy. */
  isDefault?: boolean;
}

/**
 * A change to an escalation policy against the `version` it was based on.
 *
 * @public
 */
export interface UpdateEscalationPolicyRequest {
  version: number;
  name?: string;
  ownerRef?: string;
  levels?: EscalationLevel[];
  repeat?: number;
  isDefault?: boolean;
}

/**
 * Someone on call at a level: until when, and through which schedule (absent for a user target).
 *
 * @public
 */
export interface OnCallUser {
  userRef: string;
  /** ISO 8601 instant the shift ends; absent for a user targeted directly. */
  until?: string;
  scheduleId?: string;
}

/**
 * Who is on call at one level of a policy, and who takes over next.
 *
 * @public
 */
export interface OnCallLevel {
  /** 1-based. */
  level: number;
  users: OnCallUser[];
  /** The next shifts of the level's schedules. */
  next: Array<{
    userRef: string;
    start: string;
    end: string;
    scheduleId: string;
  }>;
}

/**
 * Who would be paged for an entity at an instant.
 *
 * @public
 */
export interface OnCallResponse {
  entityRef: string;
  /** Absent when no policy pages for the entity. */
  policy?: Pick<EscalationPolicy, 'id' | 'name' | 'ownerRef'>;
  /** How the policy was found. */
  policySource?: 'annotation' | 'owner';
  levels: OnCallLevel[];
}

/**
 * The state of a page: people being notified until someone acknowledges.
 *
 * @public
 */
export type PageStatus = 'active' | 'acknowledged' | 'exhausted' | 'cancelled';

/**
 * A page of an incident: one run of an escalation policy.
 *
 * @public
 */
export interface OnCallPage {
  id: string;
  incidentId: string;
  policyId: string;
  policyName: string;
  status: PageStatus;
  /** 1-based level notified last. */
  level: number;
  /** 1-based run of the policy (it repeats when nobody acknowledges). */
  round: number;
  /** Everyone notified so far. */
  notified: string[];
  /** When the next level is paged unless someone acknowledges. */
  nextEscalationAt?: string;
  acknowledgedBy?: string;
  acknowledgedAt?: string;
  createdAt: string;
}

/**
 * A shift of mine across every schedule, for "My on-call".
 *
 * @public
 */
export interface MyShift {
  scheduleId: string;
  scheduleName: string;
  start: string;
  end: string;
}
