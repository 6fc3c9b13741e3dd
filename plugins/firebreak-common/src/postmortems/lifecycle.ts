import { DateTime } from 'luxon';
import {
  POSTMORTEM_MILESTONES,
  PostmortemKeyDuration,
  PostmortemMilestone,
  PostmortemStatus,
} from './types';

/**
 * Whether a postmortem may move from one status to another, and why not. Published ones only
 * reopen to `draft`; waived ones can be taken up again as a `draft`.
 *
 * @public
 */
export function describePostmortemTransition(
  from: PostmortemStatus,
  to: PostmortemStatus,
): { allowed: true } | { allowed: false; reason: string } {
  const allowed: Record<PostmortemStatus, PostmortemStatus[]> = {
    draft: ['in_review', 'waived'],
    in_review: ['draft', 'published', 'waived'],
    published: ['draft'],
    waived: ['draft'],
  };
  if (allowed[from].includes(to)) {
    return { allowed: true };
  }
  return {
    allowed: false,
    reason: `a ${from} postmortem cannot move to ${to}; it can move to ${allowed[
      from
    ].join(' or ')}`,
  };
}

/**
 * The key durations of an incident: from each known milestone to the next known one, in the
 * order of {@link POSTMORTEM_MILESTONES}, and from impact start to resolution. Computed, never
 * typed; a pair out of order gives null rather than a negative duration.
 *
 * @public
 */
export function computeKeyDurations(
  milestones: Record<PostmortemMilestone, string | null>,
): PostmortemKeyDuration[] {
  const known = POSTMORTEM_MILESTONES.filter(m => milestones[m] !== null);
  const between = (
    from: PostmortemMilestone,
    to: PostmortemMilestone,
  ): PostmortemKeyDuration => {
    const start = Date.parse(milestones[from] ?? '');
    const end = Date.parse(milestones[to] ?? '');
    const seconds = Math.floor((end - start) / 1000);
    return {
      from,
      to,
      seconds: Number.isFinite(seconds) && seconds >= 0 ? seconds : null,
    };
  };
  const steps = known.slice(1).map((to, i) => between(known[i], to));
  return [...steps, between('impactStarted', 'resolved')];
}

/**
 * When a postmortem is due: a number of calendar days or business days (Monday to Friday)
 * after the incident was resolved, counted in the given IANA time zone.
 *
 * @public
 */
export function computePostmortemDueAt(
  resolvedAt: Date,
  rule: { calendarDays?: number; businessDays?: number },
  timeZone: string = 'UTC',
): Date {
  let at = DateTime.fromJSDate(resolvedAt, { zone: timeZone });
  if (!at.isValid) {
    at = DateTime.fromJSDate(resolvedAt, { zone: 'UTC' });
  }
  if (rule.businessDays !== undefined) {
    let left = rule.businessDays;
    while (left > 0) {
      at = at.plus({ days: 1 });
      if (at.weekday <= 5) {
        left -= 1;
      }
    }
    return at.toJSDate();
  }
  return at.plus({ days: rule.calendarDays ?? 0 }).toJSDate();
}
