import { createApiRef } from '@backstage/core-plugin-api';
import {
  CreateEscalationPolicyRequest,
  CreateScheduleRequest,
  DeclareIncidentRequest,
  EscalationPolicy,
  Incident,
  IncidentRoleDefinition,
  IncidentStatus,
  IncidentSummary,
  MyShift,
  OnCallPage,
  OnCallResponse,
  Page,
  Schedule,
  ScheduleOverrideRecord,
  Shift,
  PriorityMatrix,
  SeverityLevel,
  TimelineEvent,
  TimelinePostRequest,
  UpdateEscalationPolicyRequest,
  UpdateIncidentRequest,
  UpdateScheduleRequest,
} from '@firebreak/backstage-plugin-common';

export type {
  CreateEscalationPolicyRequest,
  CreateScheduleRequest,
  UpdateEscalationPolicyRequest,
  UpdateScheduleRequest,
  DeclareIncidentRequest,
  TimelinePostRequest,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';

/**
 * Filters and paging for incident lists.
 *
 * @public
 */
export interface ListIncidentsRequest {
  /** A system includes its parts' incidents, a group those of what it owns. */
  entityRef?: string;
  status?: IncidentStatus[];
  severity?: string[];
  q?: string;
  /** Declared at or after this ISO 8601 instant. */
  from?: string;
  /** Declared before this ISO 8601 instant. */
  to?: string;
  limit?: number;
  cursor?: string;
}

/**
 * The configured choices: severities, the priority matrix, roles.
 *
 * @public
 */
export interface FirebreakSettingsResponse {
  severities: SeverityLevel[];
  priority: PriorityMatrix;
  roles: IncidentRoleDefinition[];
}

/**
 * What the Firebreak frontend needs from the Firebreak backend.
 *
 * @public
 */
export interface FirebreakApi {
  listIncidents(request?: ListIncidentsRequest): Promise<Page<IncidentSummary>>;
  getIncident(idOrRef: string): Promise<Incident>;
  declareIncident(request: DeclareIncidentRequest): Promise<Incident>;
  updateIncident(id: string, request: UpdateIncidentRequest): Promise<Incident>;
  getTimeline(idOrRef: string): Promise<{ items: TimelineEvent[] }>;
  postToTimeline(
    idOrRef: string,
    request: TimelinePostRequest,
  ): Promise<TimelineEvent>;
  getSettings(): Promise<FirebreakSettingsResponse>;
  /** The signed-in person joins an incident they may read as a responder (again: no change). */
  joinIncident(idOrRef: string): Promise<Incident>;
  /** The signed-in person leaves an incident's responders; the commander hands over first. */
  leaveIncident(idOrRef: string): Promise<Incident>;

  /** The pages of an incident: who was paged, who acknowledged, what is due. */
  listPages(incidentIdOrRef: string): Promise<{ items: OnCallPage[] }>;
  /** Stops the escalation: the caller has it. */
  acknowledgeIncident(
    incidentIdOrRef: string,
  ): Promise<{ acknowledged: number; incident: Incident }>;
  /** Pages the next level now, or the on-call again. */
  escalateIncident(incidentIdOrRef: string): Promise<{ escalated: number }>;

  /** Who would be paged for an entity at an instant (default now). */
  getOnCall(entityRef: string, at?: string): Promise<OnCallResponse>;
  listSchedules(filter?: { ownerRef?: string }): Promise<{ items: Schedule[] }>;
  getSchedule(id: string): Promise<Schedule>;
  createSchedule(request: CreateScheduleRequest): Promise<Schedule>;
  updateSchedule(id: string, request: UpdateScheduleRequest): Promise<Schedule>;
  deleteSchedule(id: string): Promise<void>;
  /** Final shifts between two ISO instants. */
  getScheduleShifts(id: string, from: string, to: string): Promise<Shift[]>;
  addOverride(
    scheduleId: string,
    request: { userRef: string; start: string; end: string },
  ): Promise<ScheduleOverrideRecord>;
  deleteOverride(scheduleId: string, overrideId: string): Promise<void>;
  listEscalationPolicies(filter?: {
    ownerRef?: string;
  }): Promise<{ items: EscalationPolicy[] }>;
  getEscalationPolicy(idOrName: string): Promise<EscalationPolicy>;
  createEscalationPolicy(
    request: CreateEscalationPolicyRequest,
  ): Promise<EscalationPolicy>;
  updateEscalationPolicy(
    id: string,
    request: UpdateEscalationPolicyRequest,
  ): Promise<EscalationPolicy>;
  deleteEscalationPolicy(id: string): Promise<void>;
  /** The signed-in person's shifts across every schedule. */
  getMyShifts(range?: {
    from?: string;
    to?: string;
  }): Promise<{ items: MyShift[] }>;
  /**
   * The full URL of an iCal feed: the signed-in person's shifts, or a schedule's. The URL
   * holds an unguessable token; calendar apps fetch it without signing in.
   */
  getCalendarFeedUrl(scheduleId?: string): Promise<string>;
  /**
   * Replaces the token of the signed-in person's feed, or of a schedule's (for who may change
   * the schedule), and gives the new full URL: the old one stops working at once.
   */
  rotateCalendarFeedUrl(scheduleId?: string): Promise<string>;
}

/**
 * Reference to the {@link FirebreakApi}.
 *
 * @public
 */
export const firebreakApiRef = createApiRef<FirebreakApi>({
  id: 'plugin.firebreak.service',
});
