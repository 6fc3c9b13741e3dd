import { DateTime } from 'luxon';

/**
 * The viewer's IANA time zone, in which on-call pages show times.
 *
 * @internal
 */
export function viewerTimeZone(): string {
  return DateTime.local().zoneName ?? 'UTC';
}

const INSTANT_FORMAT: Intl.DateTimeFormatOptions = {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
};

/**
 * An instant in the viewer's zone with its weekday: "Mon, Jan 19, 09:00 AM".
 *
 * @internal
 */
export function formatInstant(iso: string | Date): string {
  const time =
    typeof iso === 'string' ? DateTime.fromISO(iso) : DateTime.fromJSDate(iso);
  return time.toLocaleString(INSTANT_FORMAT);
}

/**
 * A shift's span in the viewer's zone: "Mon, Jan 12, 09:00 AM – Mon, Jan 19, 09:00 AM".
 *
 * @internal
 */
export function formatSpan(start: string, end: string): string {
  return `${formatInstant(start)} – ${formatInstant(end)}`;
}

/**
 * How far an instant is from now, in words: "in 3 days", "2 hours ago".
 *
 * @internal
 */
export function formatRelative(iso: string, now: Date): string {
  return (
    DateTime.fromISO(iso).toRelative({ base: DateTime.fromJSDate(now) }) ?? ''
  );
}

/**
 * An instant as the value of a `datetime-local` input in the viewer's zone.
 *
 * @internal
 */
export function toLocalInputValue(instant: Date | string): string {
  const time =
    typeof instant === 'string'
      ? DateTime.fromISO(instant)
      : DateTime.fromJSDate(instant);
  return time.toFormat("yyyy-LL-dd'T'HH:mm");
}

/**
 * The ISO instant a `datetime-local` input's value names in the viewer's zone, or undefined
 * when it names none.
 *
 * @internal
 */
export function fromLocalInputValue(value: string): string | undefined {
  const time = DateTime.fromISO(value);
  return value && time.isValid ? time.toUTC().toISO() ?? undefined : undefined;
}
