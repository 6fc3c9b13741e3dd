/**
 * Reads a timestamp column the way each database driver returns it: a Date (pg, mysql2),
 * or a number or string (better-sqlite3).
 *
 * @internal
 */
export function toDate(value: Date | string | number): Date {
  if (value instanceof Date) {
    return value;
  }
  if (typeof value === 'number') {
    return new Date(value);
  }
  // SQLite may hand back 'YYYY-MM-DD HH:MM:SS.sss' without a zone; we only ever write UTC.
  return new Date(
    /[zZ]|[+-]\d\d:?\d\d$/.test(value) ? value : `${value.replace(' ', 'T')}Z`,
  );
}
