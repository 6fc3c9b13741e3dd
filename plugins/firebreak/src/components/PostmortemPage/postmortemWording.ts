import { PostmortemStatus } from '@firebreak/backstage-plugin-common';

/**
 * How a postmortem's status reads on screen.
 *
 * @internal
 */
export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, string> = {
  draft: 'Draft',
  in_review: 'In review',
  published: 'Published',
  waived: 'Waived',
};

const DAY = 24 * 60 * 60 * 1000;

/**
 * When a postmortem is due, relative to now: "due in 3 days", "due today", "overdue by 2 days".
 *
 * @internal
 */
export function describeDue(
  dueAt: string,
  now: Date = new Date(),
): { text: string; overdue: boolean } {
  const ms = Date.parse(dueAt) - now.getTime();
  if (ms < 0) {
    const days = Math.floor(-ms / DAY);
    return {
      text: days === 0 ? 'overdue' : `overdue by ${plural(days, 'day')}`,
      overdue: true,
    };
  }
  const days = Math.floor(ms / DAY);
  return {
    text: days === 0 ? 'due today' : `due in ${plural(days, 'day')}`,
    overdue: false,
  };
}

function plural(n: number, word: string) {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * A number of seconds as hours and minutes: "1 h 5 min", "30 s".
 *
 * @internal
 */
export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const hours = Math.floor(minutes / 60);
  const days = Math.floor(hours / 24);
  if (days > 0) return `${days} d ${hours % 24} h`;
  if (hours > 0) return `${hours} h ${minutes % 60} min`;
  return `${minutes} min`;
}
