import { DateTime } from 'luxon';
import { z } from 'zod';

/**
 * The years an instant the API accepts may fall in, in UTC: what MySQL's DATETIME holds
 * (1000-01-01 to 9999-12-31), which is also inside what PostgreSQL, SQLite's ISO text, luxon
 * and JavaScript's Date hold. An instant outside it cannot be stored everywhere, and
 * arithmetic on it (a range, a look-ahead) could leave what Date can represent.
 *
 * @internal
 */
export const INSTANT_YEARS = { min: 1000, max: 9999 } as const;

/**
 * The last instant the API accepts, and so the furthest any answer it computes may reach.
 *
 * @internal
 */
export const LAST_INSTANT = new Date(
  Date.UTC(INSTANT_YEARS.max, 11, 31, 23, 59, 59, 999),
);

// RFC 3339's date-time, which is the spec's `format: date-time`: a four-digit year, seconds,
// optional fractions and a required offset (no `24:00`, no leap second: luxon refuses one and
// would roll the other into the next day). Without the offset the instant would depend on the
// server's time zone.
const RFC_3339 =
  /^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/i;

/** The problem with a candidate instant, or undefined when there is none. */
function instantProblem(value: string): string | undefined {
  if (!RFC_3339.test(value)) {
    return 'must be an ISO 8601 instant';
  }
  const parsed = DateTime.fromISO(value.toUpperCase(), { zone: 'utc' });
  if (!parsed.isValid) {
    return 'must be an ISO 8601 instant';
  }
  if (parsed.year < INSTANT_YEARS.min || parsed.year > INSTANT_YEARS.max) {
    return `must be in the years ${INSTANT_YEARS.min} to ${INSTANT_YEARS.max} (UTC)`;
  }
  return undefined;
}

/**
 * Parses an ISO 8601 instant (RFC 3339 `date-time`, with an offset) into its canonical UTC form,
 * `YYYY-MM-DDTHH:mm:ss.sssZ`; undefined when it is not one, or falls outside
 * {@link INSTANT_YEARS}.
 *
 * @internal
 */
export function parseInstant(value: string): string | undefined {
  if (instantProblem(value) !== undefined) {
    return undefined;
  }
  return DateTime.fromISO(value.toUpperCase(), { zone: 'utc' }).toISO()!;
}

/**
 * The one schema for instants in requests, for every router: an ISO 8601 instant that luxon
 * parses and every supported database can hold, turned into its canonical UTC form. Its errors
 * say what is wrong (the request parser puts the field's name in front).
 *
 * @internal
 */
export const instant = z.string().transform((value, context) => {
  const problem = instantProblem(value);
  if (problem !== undefined) {
    context.addIssue({ code: 'custom', message: problem });
    return z.NEVER;
  }
  return parseInstant(value)!;
});
