import { DateTime } from 'luxon';

/**
 * An instant on the incident page (declared, started, a timeline event), in the reader's
 * locale.
 *
 * @internal
 */
export function formatIncidentInstant(iso: string): string {
  return DateTime.fromISO(iso).toLocaleString(DateTime.DATETIME_MED);
}
