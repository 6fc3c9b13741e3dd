import { z } from 'zod';
import { INSTANT_YEARS, instant, parseInstant } from './instant';
import { parse } from './apiRequests';

const body = z.object({ at: instant });
const message = (at: unknown) => {
  try {
    parse(body, { at });
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
};

describe('instant', () => {
  it.each([
    ['1000-01-01T00:00:00.000Z', '1000-01-01T00:00:00.000Z'],
    ['9999-12-31T23:59:59.999Z', '9999-12-31T23:59:59.999Z'],
    ['2026-06-01T09:00:00Z', '2026-06-01T09:00:00.000Z'],
    ['2026-06-01t09:00:00z', '2026-06-01T09:00:00.000Z'],
    ['2026-06-01T09:00:00.123456789+05:30', '2026-06-01T03:30:00.123Z'],
    ['2026-06-01T00:30:00+01:00', '2026-05-31T23:30:00.000Z'],
    ['2024-02-29T12:00:00Z', '2024-02-29T12:00:00.000Z'],
  ])('accepts %s as %s', (value, canonical) => {
    expect(parse(body, { at: value })).toEqual({ at: canonical });
    expect(parseInstant(value)).toBe(canonical);
  });

  it.each([
    // The instant an outside fuzz sent: Date parses it, luxon and the databases cannot hold it.
    '+275760-09-13T00:00:00.000Z',
    '-000001-01-01T00:00:00.000Z',
    '0999-12-31T23:59:59.999Z',
    '10000-01-01T00:00:00.000Z',
  ])('refuses %s, which no database holds, naming the field', value => {
    expect(message(value)).toMatch(/^at: must be/);
  });

  it.each([
    // In range as written, out of range in UTC, where it is stored.
    [
      '9999-12-31T23:00:00-05:00',
      'at: must be in the years 1000 to 9999 (UTC)',
    ],
    [
      '1000-01-01T00:30:00+01:00',
      'at: must be in the years 1000 to 9999 (UTC)',
    ],
  ])('refuses %s, out of range in UTC', (value, expected) => {
    expect(message(value)).toBe(expected);
  });

  it.each([
    'yesterday',
    '',
    '2026-06-01',
    '2026-06-01T09:00',
    '2026-06-01T09:00:00',
    '2026-06-01 09:00:00Z',
    '2026-02-30T00:00:00Z',
    '2025-02-29T00:00:00Z',
    '2026-06-01T24:00:00Z',
    '2026-06-01T23:59:60Z',
    '2026-06-01T09:00:00+24:00',
    'Mon, 01 Jun 2026 09:00:00 GMT',
    '1780304400000',
  ])('refuses %j, which is not an ISO 8601 instant', value => {
    expect(message(value)).toBe('at: must be an ISO 8601 instant');
    expect(parseInstant(value)).toBeUndefined();
  });

  it('refuses what is not a string, naming the field', () => {
    expect(message(1780304400000)).toMatch(/^at: /);
    expect(message(undefined)).toBe('at: is required');
  });

  it('holds years every supported database holds', () => {
    expect(INSTANT_YEARS).toEqual({ min: 1000, max: 9999 });
  });
});
