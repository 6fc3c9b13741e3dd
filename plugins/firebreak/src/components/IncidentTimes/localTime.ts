import { DateTime } from 'luxon';

/**
 * The format of a datetime-local input's value, in the browser's time zone.
 *
 * @internal
 */
export const LOCAL_MINUTE = "yyyy-MM-dd'T'HH:mm";

/**
 * A time typed in the browser's zone, as an instant: empty means none; a value in the future is
 * refused.
 *
 * @internal
 */
export function parsePastInstant(
  value: string,
  now: Date = new Date(),
): {
  instant?: string;
  problem?: string;
} {
  if (!value) {
    return {};
  }
  const local = DateTime.fromISO(value);
  if (!local.isValid) {
    return { problem: 'Not a date and time' };
  }
  if (local.toMillis() > now.getTime()) {
    return { problem: 'Cannot be in the future' };
  }
  return { instant: local.toUTC().toISO()! };
}

/**
 * An instant as a datetime-local input shows it: in the browser's time zone, to the minute
 * (the seconds are dropped, as the input cannot show them).
 *
 * @internal
 */
export function toLocalMinute(iso: string): string {
  return DateTime.fromISO(iso).toLocal().toFormat(LOCAL_MINUTE);
}

/**
 * The browser's time zone as people know it ("CET", "GMT+2"), for the helper text of time
 * inputs: a typed time means nothing without it.
 *
 * @internal
 */
export function localZoneName(): string {
  return DateTime.local().toFormat('ZZZZ');
}
