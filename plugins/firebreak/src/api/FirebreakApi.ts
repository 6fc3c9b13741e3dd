import { createApiRef } from '@backstage/core-plugin-api';
import {
  DeclareIncidentRequest,
  Incident,
  IncidentRoleDefinition,
  IncidentStatus,
  IncidentSummary,
  Page,
  PriorityMatrix,
  SeverityLevel,
  TimelineEvent,
  TimelinePostRequest,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';

export type {
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
}

/**
 * Reference to the {@link FirebreakApi}.
 *
 * @public
 */
export const firebreakApiRef = createApiRef<FirebreakApi>({
  id: 'plugin.firebreak.service',
});
