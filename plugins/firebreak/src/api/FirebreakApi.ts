import { createApiRef } from '@backstage/core-plugin-api';
import {
  ActionItem,
  ActionItemStatus,
  CreateActionItemRequest,
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
  PostmortemDetails,
  PriorityMatrix,
  SeverityLevel,
  TimelineEvent,
  TimelinePostRequest,
  UpdateEscalationPolicyRequest,
  UpdateIncidentRequest,
  UpdatePostmortemRequest,
  UpdateScheduleRequest,
  UpdateActionItemRequest,
  CreateRunbookRequest,
  EntityRunbook,
  IncidentRunbooks,
  Runbook,
  RunbookStepRequest,
  RunbookVersionSummary,
  UpdateRunbookRequest,
} from '@firebreak/backstage-plugin-common';

/**
 * Filters and paging for action item lists; every filter given must hold.
 *
 * @public
 */
export interface ListActionItemsRequest {
  /** Items about this entity; a system includes its parts, a group what it owns. */
  entityRef?: string;
  /** Items of this user; for a group, of the group and its members. */
  ownerRef?: string;
  /** Items of this incident, by id or `INC-<n>`. */
  incidentRef?: string;
  /** Items that update this stored runbook. */
  runbookId?: string;
  /** Any of these statuses. */
  status?: ActionItemStatus[];
  /** Only open or in-progress items past their due date. */
  overdue?: boolean;
  /** Page size, 1 to 100; the backend's default is 50. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export type {
  CreateActionItemRequest,
  UpdateActionItemRequest,
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
  /** Any of these statuses. */
  status?: IncidentStatus[];
  /** Any of these severity ids. */
  severity?: string[];
  /** Text in the title or summary, or an incident reference such as `INC-12`. */
  q?: string;
  /** Declared at or after this ISO 8601 instant. */
  from?: string;
  /** Declared before this ISO 8601 instant. */
  to?: string;
  /** Page size, 1 to 100; the backend's default is 25. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

/**
 * The configured choices: severities, the priority matrix, roles.
 *
 * @public
 */
export interface FirebreakSettingsResponse {
  /** The severity levels, most severe first. */
  severities: SeverityLevel[];
  /** How impact and urgency give an incident's priority. */
  priority: PriorityMatrix;
  /** The roles people can hold in an incident. */
  roles: IncidentRoleDefinition[];
}

/**
 * What the Firebreak frontend needs from the Firebreak backend.
 *
 * @public
 */
export interface FirebreakApi {
  /** A page of incidents, newest first. */
  listIncidents(request?: ListIncidentsRequest): Promise<Page<IncidentSummary>>;
  /** One incident, by id or by reference such as `INC-12`. */
  getIncident(idOrRef: string): Promise<Incident>;
  /** Declares an incident as the signed-in person. */
  declareIncident(request: DeclareIncidentRequest): Promise<Incident>;
  /** Changes an incident (status, severity, roles, ...) against the `version` it was based on. */
  updateIncident(id: string, request: UpdateIncidentRequest): Promise<Incident>;
  /** The incident's timeline, oldest first. */
  getTimeline(idOrRef: string): Promise<{ items: TimelineEvent[] }>;
  /** Adds a note or a status update to the incident's timeline. */
  postToTimeline(
    idOrRef: string,
    request: TimelinePostRequest,
  ): Promise<TimelineEvent>;
  /** The configured severities, priority matrix and roles. */
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
  /** On-call schedules, all or those of one owner. */
  listSchedules(filter?: { ownerRef?: string }): Promise<{ items: Schedule[] }>;
  /** One schedule, with its overrides that have not ended. */
  getSchedule(id: string): Promise<Schedule>;
  /** Creates a schedule. */
  createSchedule(request: CreateScheduleRequest): Promise<Schedule>;
  /** Changes a schedule against the `version` it was based on. */
  updateSchedule(id: string, request: UpdateScheduleRequest): Promise<Schedule>;
  /** Deletes a schedule. */
  deleteSchedule(id: string): Promise<void>;
  /** Final shifts between two ISO instants. */
  getScheduleShifts(id: string, from: string, to: string): Promise<Shift[]>;
  /** Puts someone on call in a schedule between two ISO 8601 instants, over its layers. */
  addOverride(
    scheduleId: string,
    request: { userRef: string; start: string; end: string },
  ): Promise<ScheduleOverrideRecord>;
  /** Removes an override from a schedule. */
  deleteOverride(scheduleId: string, overrideId: string): Promise<void>;
  /** Escalation policies, all or those of one owner. */
  listEscalationPolicies(filter?: {
    ownerRef?: string;
  }): Promise<{ items: EscalationPolicy[] }>;
  /** One escalation policy, by id or by name. */
  getEscalationPolicy(idOrName: string): Promise<EscalationPolicy>;
  /** Creates an escalation policy. */
  createEscalationPolicy(
    request: CreateEscalationPolicyRequest,
  ): Promise<EscalationPolicy>;
  /** Changes an escalation policy against the `version` it was based on. */
  updateEscalationPolicy(
    id: string,
    request: UpdateEscalationPolicyRequest,
  ): Promise<EscalationPolicy>;
  /** Deletes an escalation policy. */
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
  // Action items (follow-ups)
  /** Action items, overdue first, then by due date. */
  listActionItems(request?: ListActionItemsRequest): Promise<Page<ActionItem>>;
  /** Creates an action item for an incident. */
  createActionItem(request: CreateActionItemRequest): Promise<ActionItem>;
  /** Changes an action item against the `version` it was read at (409 when stale). */
  updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem>;
  /**
   * Creates a ticket for the item in its entity's tracker, with the first installed ticket
   * exporter that supports the entity, against the `version` it was read at; answers the item
   * linked to the ticket. Refused with the backend's reason: 409 (stale, already has a ticket),
   * 422 (the entity has no supported tracker), 502 or 503 (the tracker failed).
   */
  createActionItemTicket(id: string, version: number): Promise<ActionItem>;

  // Runbooks
  /** An entity's runbooks from its annotation, its catalog links and Firebreak's store. */
  listEntityRunbooks(
    entityRef: string,
    filter?: { severity?: string },
  ): Promise<{ items: EntityRunbook[] }>;
  /** A stored runbook at its newest version, or at `version`. */
  getRunbook(id: string, version?: number): Promise<Runbook>;
  /** Stores a runbook for a team: its version 1. */
  createRunbook(request: CreateRunbookRequest): Promise<Runbook>;
  /** Saves a new version of a runbook against the `version` it was based on (409 when stale). */
  updateRunbook(id: string, request: UpdateRunbookRequest): Promise<Runbook>;
  /** A runbook's history, newest first. */
  listRunbookVersions(id: string): Promise<{ items: RunbookVersionSummary[] }>;
  /** The runbooks of an incident's impacted entities for its severity, with step ticks. */
  getIncidentRunbooks(incidentIdOrRef: string): Promise<IncidentRunbooks>;
  /** Ticks or unticks a step of one of the incident's stored runbooks. */
  tickRunbookStep(
    incidentIdOrRef: string,
    request: RunbookStepRequest,
  ): Promise<TimelineEvent>;

  // Postmortems (issue 12)
  /** An incident's postmortem, or undefined when it has none (404). */
  getIncidentPostmortem(
    incidentIdOrRef: string,
  ): Promise<PostmortemDetails | undefined>;
  /** Starts an incident's postmortem; 409 when it already has one. */
  startPostmortem(incidentIdOrRef: string): Promise<PostmortemDetails>;
  /** One postmortem with its incident's milestones, key durations and timeline. */
  getPostmortem(id: string): Promise<PostmortemDetails>;
  /** Edits a postmortem or moves its status against the `version` it was read at. */
  updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<PostmortemDetails>;
  /** Approves a postmortem in review, at the version the approver read. */
  approvePostmortem(id: string, version: number): Promise<PostmortemDetails>;
  /**
   * Makes a postmortem cover another incident, one without a postmortem of its own, at the
   * `version` of the postmortem on screen; 409 if it has one, or the version is stale.
   */
  attachPostmortemIncident(
    id: string,
    incidentRef: string,
    version: number,
  ): Promise<PostmortemDetails>;
  /** Stops a postmortem covering an attached incident (never its own). */
  detachPostmortemIncident(
    id: string,
    incidentIdOrRef: string,
  ): Promise<PostmortemDetails>;
  /** The postmortem as one Markdown document. */
  exportPostmortem(id: string): Promise<string>;
  /** The action items of a postmortem, read-only. */
  listPostmortemActionItems(
    postmortemId: string,
  ): Promise<{ items: ActionItem[] }>;
}

/**
 * Reference to the {@link FirebreakApi}.
 *
 * @public
 */
export const firebreakApiRef = createApiRef<FirebreakApi>({
  id: 'plugin.firebreak.service',
});
