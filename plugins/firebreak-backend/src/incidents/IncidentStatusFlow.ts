import { InputError } from '@backstage/errors';
import {
  describeStatusTransition,
  Incident,
  IncidentStatus,
  isActiveStatus,
} from '@firebreak/backstage-plugin-common';
import { IncidentChanges, NewTimelineEvent } from './IncidentStore';

/**
 * The timestamps a move to `to` sets or clears: mitigated, resolved and closed follow the
 * status, so that time-to-mitigate and time-to-resolve count what really happened.
 *
 * @internal
 */
export function statusTimestamps(
  current: Pick<Incident, 'mitigatedAt' | 'resolvedAt' | 'closedAt'>,
  to: IncidentStatus,
  now: Date,
): Partial<IncidentChanges> {
  if (isActiveStatus(to)) {
    // A reopened incident is no longer resolved: MTTR counts to its next resolution.
    return {
      ...(to !== 'monitoring' && current.mitigatedAt
        ? { mitigatedAt: null }
        : {}),
      ...(to === 'monitoring' && !current.mitigatedAt
        ? { mitigatedAt: now }
        : {}),
      ...(current.resolvedAt ? { resolvedAt: null } : {}),
      ...(current.closedAt ? { closedAt: null } : {}),
    };
  }
  if (to === 'resolved') {
    return {
      resolvedAt: now,
      ...(current.mitigatedAt ? {} : { mitigatedAt: now }),
      ...(current.closedAt ? { closedAt: null } : {}),
    };
  }
  if (to === 'closed') {
    return {
      closedAt: now,
      ...(current.resolvedAt ? {} : { resolvedAt: now }),
      ...(current.mitigatedAt ? {} : { mitigatedAt: now }),
    };
  }
  return { closedAt: now };
}

/**
 * A move of an incident's status: the changes it makes and the timeline event that records
 * it, or a 400 on `status` when the status flow does not allow the move.
 *
 * @internal
 */
export function statusChange(
  current: Incident,
  to: IncidentStatus,
  actorRef: string,
  now: Date,
): { changes: Partial<IncidentChanges>; event: NewTimelineEvent } {
  const transition = describeStatusTransition(current.status, to);
  if (!transition.allowed) {
    throw new InputError(`status: ${transition.reason}`);
  }
  return {
    changes: { status: to, ...statusTimestamps(current, to, now) },
    event: {
      type: 'status_changed',
      actorRef,
      at: now.toISOString(),
      data: {
        from: current.status,
        to,
        reopened: transition.kind === 'reopen',
      },
    },
  };
}
