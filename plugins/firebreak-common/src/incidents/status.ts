/**
 * Where an incident is in its life, in the order incidents usually move through.
 *
 * @public
 */
export const INCIDENT_STATUSES = [
  'triage',
  'investigating',
  'identified',
  'monitoring',
  'resolved',
  'closed',
  'declined',
] as const;

/**
 * One of {@link INCIDENT_STATUSES}.
 *
 * @public
 */
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

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
 * Whether an incident in this status still needs responders.
 *
 * @public
 */
export function isActiveStatus(status: IncidentStatus): boolean {
  return ACTIVE_INCIDENT_STATUSES.includes(status);
}

/**
 * Whether a value is one of {@link INCIDENT_STATUSES}.
 *
 * @public
 */
export function isIncidentStatus(value: unknown): value is IncidentStatus {
  return (INCIDENT_STATUSES as readonly unknown[]).includes(value);
}

/**
 * What a status change means: moving on, going back (a reopening, recorded as such), or
 * declining an incident that triage found to be nothing.
 *
 * @public
 */
export type StatusTransition =
  | { allowed: true; kind: 'forward' | 'reopen' | 'decline' }
  | { allowed: false; reason: string };

// Position in the flow; `declined` sits beside it, reachable only from triage.
const flowIndex: Record<IncidentStatus, number> = {
  triage: 0,
  investigating: 1,
  identified: 2,
  monitoring: 3,
  resolved: 4,
  closed: 5,
  declined: -1,
};

/**
 * Says whether an incident may move from one status to another, and what kind of move it is.
 * Skipping ahead is allowed (an incident can be resolved straight from investigating); going
 * back is a reopening; only an incident in triage can be declined, and a declined incident can
 * only be reopened into triage or investigating.
 *
 * @public
 */
export function describeStatusTransition(
  from: IncidentStatus,
  to: IncidentStatus,
): StatusTransition {
  if (from === to) {
    return { allowed: false, reason: `the incident is already ${to}` };
  }
  if (to === 'declined') {
    return from === 'triage'
      ? { allowed: true, kind: 'decline' }
      : {
          allowed: false,
          reason: `only an incident in triage can be declined, this one is ${from}`,
        };
  }
  if (from === 'declined') {
    return to === 'triage' || to === 'investigating'
      ? { allowed: true, kind: 'reopen' }
      : {
          allowed: false,
          reason: `a declined incident can only be reopened into triage or investigating`,
        };
  }
  return flowIndex[to] > flowIndex[from]
    ? { allowed: true, kind: 'forward' }
    : { allowed: true, kind: 'reopen' };
}
