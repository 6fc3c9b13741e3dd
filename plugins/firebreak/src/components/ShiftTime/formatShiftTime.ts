import { DateTime } from 'luxon';

const MINUTE = 60_000;

/**
 * A length of time short enough for a card row: `less than a minute`, `12 min`, `3 h 5 min`,
 * `2 d 4 h`.
 *
 * @internal
 */
export function formatSpan(milliseconds: number): string {
  const minutes = Math.floor(Math.abs(milliseconds) / MINUTE);
  if (minutes < 1) {
    return 'less than a minute';
  }
  if (minutes < 60) {
    return `${minutes} min`;
  }
  const hours = Math.floor(minutes / 60);
  if (hours < 24) {
    return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
  }
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

/**
 * How far an instant is from now, in words: `in 2 h 5 min`, `12 min ago`, `now`.
 *
 * @internal
 */
export function formatRelative(iso: string, now: DateTime): string {
  const milliseconds = DateTime.fromISO(iso).toMillis() - now.toMillis();
  if (Math.abs(milliseconds) < MINUTE) {
    return 'now';
  }
  const span = formatSpan(milliseconds);
  return milliseconds > 0 ? `in ${span}` : `${span} ago`;
}

/**
 * A countdown to an instant to the second, for what happens within minutes: `4 min 05 s`,
 * `1 h 02 min`; `0 s` once it has passed.
 *
 * @internal
 */
export function formatCountdown(iso: string, now: DateTime): string {
  const seconds = Math.max(
    0,
    Math.ceil((DateTime.fromISO(iso).toMillis() - now.toMillis()) / 1000),
  );
  const pad = (n: number) => String(n).padStart(2, '0');
  if (seconds < 60) {
    return `${seconds} s`;
  }
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) {
    return `${minutes} min ${pad(seconds % 60)} s`;
  }
  return `${Math.floor(minutes / 60)} h ${pad(minutes % 60)} min`;
}

/**
 * An instant as the viewer reads it: weekday, date, time and zone in the zone of `now` (the
 * viewer's), such as `Mon, Nov 24, 9:00 AM GMT+1`.
 *
 * @internal
 */
export function formatWhen(iso: string, now: DateTime): string {
  return DateTime.fromISO(iso)
    .setZone(now.zone)
    .setLocale(now.locale ?? 'en-US')
    .toLocaleString({
      weekday: 'short',
      month: 'short',
      day: 'numeric',
      hour: 'numeric',
      minute: '2-digit',
      timeZoneName: 'short',
    });
}
