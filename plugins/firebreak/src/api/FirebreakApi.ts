import { createApiRef } from '@backstage/core-plugin-api';
import {
  Incident,
  IncidentRoleDefinition,
  IncidentStatus,
  IncidentSummary,
  NoteTag,
  Page,
  PriorityMatrix,
  SeverityLevel,
  StatusUpdateAudience,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';

/**
 * Filters and paging for incident lists.
 *
 * @public
 */
export interface ListIncidentsRequest {
  entityRef?: string;
  status?: IncidentStatus[];
  severity?: string[];
  q?: string;
  limit?: number;
  cursor?: string;
}

/**
 * What declaring an incident takes.
 *
 * @public
 */
export interface DeclareIncidentRequest {
  title: string;
  summary?: string;
  severity: string;
  entityRefs: string[];
  impact?: string;
  urgency?: string;
  commanderRef?: string;
}

/**
 * A change to an incident, made against the version the change was based on.
 *
 * @public
 */
export interface UpdateIncidentRequest {
  version: number;
  title?: string;
  summary?: string | null;
  severity?: string;
  status?: IncidentStatus;
  impact?: string;
  urgency?: string;
  roles?: Record<string, string | null>;
}

/**
 * A note or a status update for an incident's timeline.
 *
 * @public
 */
export type TimelinePostRequest =
  | { type: 'note'; text: string; tag?: NoteTag; pinned?: boolean }
  | {
      type: 'status_update';
      text: string;
      audience: StatusUpdateAudience;
      nextUpdateAt?: string;
    };

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
}

/**
 * Reference to the {@link FirebreakApi}.
 *
 * @public
 */
export const firebreakApiRef = createApiRef<FirebreakApi>({
  id: 'plugin.firebreak.service',
});
