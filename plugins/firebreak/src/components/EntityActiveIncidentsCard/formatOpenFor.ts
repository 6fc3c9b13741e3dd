import { DateTime } from 'luxon';

/**
 * How long an incident has been open, short enough for a card row: `12 min`, `3 h 5 min`,
 * `2 d 4 h`.
 *
 * @internal
 */
export function formatOpenFor(declaredAt: string, now: DateTime): string {
  const minutes = Math.floor(
    now.diff(DateTime.fromISO(declaredAt)).as('minutes'),
  );
  if (minutes < 1) {
    return 'less than a minute';
  }
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return `${hours} h ${minutes % 60} min`;
  }
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}
