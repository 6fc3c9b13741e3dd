/**
 * The signal channel on which the backend announces every incident change (declared, updated,
 * posted to): incident lists and the status board reload when a message arrives.
 *
 * @public
 */
export const FIREBREAK_INCIDENTS_SIGNAL_CHANNEL = 'firebreak:incidents';

/**
 * The signal channel of one incident, by id: its open page reloads when a message arrives.
 *
 * @public
 */
export function firebreakIncidentSignalChannel(incidentId: string): string {
  return `firebreak:incident:${incidentId}`;
}

/**
 * What the backend sends on the incident signal channels.
 *
 * @public
 */
export type FirebreakIncidentSignal = {
  /**
   * What happened: `declared`, `updated`, `timeline`, `paging` (its pages changed), or
   * `postmortem` (its postmortem changed).
   */
  kind: string;
  incidentId: string;
  /** The incident's version after the change; absent for `paging`. */
  version?: number;
};

/**
 * The signal channel on which the backend announces action item changes: lists of follow-ups
 * reload when a message arrives.
 *
 * @public
 */
export const FIREBREAK_ACTION_ITEMS_SIGNAL_CHANNEL = 'firebreak:action-items';

/**
 * What the backend sends on {@link FIREBREAK_ACTION_ITEMS_SIGNAL_CHANNEL}.
 *
 * @public
 */
export type FirebreakActionItemSignal = {
  /** `created` or `updated`. */
  kind: string;
  actionItemId: string;
  incidentId: string;
  version: number;
};
