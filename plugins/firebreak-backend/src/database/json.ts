/**
 * Reads a JSON text column; databases hand back strings (or, for MySQL JSON columns, objects).
 *
 * @internal
 */
export function parseJsonColumn<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined || value === '') {
    return fallback;
  }
  if (typeof value === 'string') {
    return JSON.parse(value) as T;
  }
  return value as T;
}
