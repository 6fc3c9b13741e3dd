import { DateTime } from 'luxon';
import { formatOpenFor } from './formatOpenFor';

describe('formatOpenFor', () => {
  const declaredAt = '2026-11-20T10:00:00.000Z';
  it.each([
    ['2026-11-20T10:00:30.000Z', 'less than a minute'],
    ['2026-11-20T09:59:00.000Z', 'less than a minute'],
    ['2026-11-20T10:12:59.000Z', '12 min'],
    ['2026-11-20T11:00:00.000Z', '1 h 0 min'],
    ['2026-11-20T13:05:00.000Z', '3 h 5 min'],
    ['2026-11-21T09:59:00.000Z', '23 h 59 min'],
    ['2026-11-22T14:30:00.000Z', '2 d 4 h'],
  ])('open until %s → %s', (now, expected) => {
    expect(formatOpenFor(declaredAt, DateTime.fromISO(now))).toBe(expected);
  });
});
