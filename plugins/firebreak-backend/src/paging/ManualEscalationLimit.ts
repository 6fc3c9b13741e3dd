import { CustomErrorBase } from '@backstage/errors';
import { PolicySnapshot } from './PagingStore';

const MINUTE = 60_000;

/**
 * The shortest wait between two escalations by hand, whatever the levels' timeouts say: also
 * the wait when escalating reaches nobody.
 *
 * @internal
 */
export const MIN_MANUAL_ESCALATION_INTERVAL_MINUTES = 1;

/**
 * When an incident may next be escalated by hand. Escalating by hand skips the wait for an
 * acknowledgement, so it may happen at most once per acknowledgement timeout of the levels
 * being paged (the longest one when several policies page at once, so that no policy's people
 * are paged faster than their level allows). When nothing is being paged, escalating starts the
 * policies again: the levels it would page count instead. Never less than
 * {@link MIN_MANUAL_ESCALATION_INTERVAL_MINUTES}.
 *
 * @internal
 */
export function nextManualEscalationAt(options: {
  /** When the incident was last escalated by hand, if ever. */
  lastEscalatedAt?: Date;
  /** The acknowledgement timeouts of the levels being paged (or about to be). */
  ackTimeoutsMinutes: number[];
}): Date | undefined {
  const { lastEscalatedAt, ackTimeoutsMinutes } = options;
  if (!lastEscalatedAt) {
    return undefined;
  }
  const minutes = Math.max(
    MIN_MANUAL_ESCALATION_INTERVAL_MINUTES,
    ...ackTimeoutsMinutes.filter(Number.isFinite),
  );
  return new Date(lastEscalatedAt.getTime() + minutes * MINUTE);
}

/**
 * The acknowledgement timeouts of the levels pages are at (1-based `level` in their policy
 * snapshot), for {@link nextManualEscalationAt}.
 *
 * @internal
 */
export function ackTimeoutsOfPagedLevels(
  pages: { snapshot: PolicySnapshot; level: number }[],
): number[] {
  return pages.flatMap(({ snapshot, level }) => {
    const paged = snapshot.levels[level - 1];
    return paged ? [paged.ackTimeoutMinutes] : [];
  });
}

/**
 * Escalating by hand again before the limit allows: answered with 429 and a `Retry-After`
 * header.
 *
 * @internal
 */
export class EscalationTooSoonError extends CustomErrorBase {
  name = 'EscalationTooSoonError' as const;
  /** The HTTP status Backstage's error handler answers with. */
  readonly statusCode = 429;
  /** Whole seconds until escalating by hand is possible again. */
  readonly retryAfterSeconds: number;

  constructor(incidentRef: string, allowedAt: Date, now: Date) {
    const seconds = Math.max(
      1,
      Math.ceil((allowedAt.getTime() - now.getTime()) / 1000),
    );
    super(
      `${incidentRef} was escalated by hand less than an acknowledgement timeout ago; ` +
        `it can be escalated again at ${allowedAt.toISOString()} (in ${seconds} s)`,
    );
    this.retryAfterSeconds = seconds;
  }
}
