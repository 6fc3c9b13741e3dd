/**
 * Where an incident is in its life. Moving backwards (reopening) is allowed.
 *
 * @public
 */
export type IncidentStatus =
  | 'triage'
  | 'investigating'
  | 'identified'
  | 'monitoring'
  | 'resolved'
  | 'closed'
  | 'declined';

/**
 * Statuses in which an incident still needs responders.
 *
 * @public
 */
export const ACTIVE_INCIDENT_STATUSES: readonly IncidentStatus[] = [
  'triage',
  'investigating',
  'identified',
  'monitoring',
];

/**
 * An incident as the Firebreak API returns it in lists.
 *
 * @public
 */
export interface IncidentSummary {
  id: string;
  /** Human reference, `INC-<n>`. */
  ref: string;
  title: string;
  severity: string;
  status: IncidentStatus;
  entityRefs: string[];
  /** ISO 8601 instant the incident was declared. */
  declaredAt: string;
}

/**
 * A page of results with an opaque cursor for the next page, absent on the last page.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
