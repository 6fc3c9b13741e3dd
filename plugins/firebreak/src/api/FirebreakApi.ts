import { createApiRef } from '@backstage/core-plugin-api';
import { IncidentSummary, Page } from '@firebreak/backstage-plugin-common';

/**
 * Filters and paging for incident lists.
 *
 * @public
 */
export interface ListIncidentsRequest {
  entityRef?: string;
  limit?: number;
  cursor?: string;
}

/**
 * What the Firebreak frontend needs from the Firebreak backend.
 *
 * @public
 */
export interface FirebreakApi {
  listIncidents(request?: ListIncidentsRequest): Promise<Page<IncidentSummary>>;
}

/**
 * Reference to the {@link FirebreakApi}.
 *
 * @public
 */
export const firebreakApiRef = createApiRef<FirebreakApi>({
  id: 'plugin.firebreak.service',
});
