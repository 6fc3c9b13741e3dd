import { DateTime } from 'luxon';
import {
  formatCountdown,
  formatRelative,
  formatSpan,
  formatWhen,
} from './formatShiftTime';

const now = DateTime.fromISO('2026-11-20T10:00:00.000Z', {
  zone: 'Europe/Berlin',
  locale: 'en-US',
});

describe('formatSpan', () => {
  it.each([
    [30_000, 'less than a minute'],
    [12 * 60_000 + 59_000, '12 min'],
    [60 * 60_000, '1 h'],
    [(3 * 60 + 5) * 60_000, '3 h 5 min'],
    [(2 * 24 + 4) * 3_600_000, '2 d 4 h'],
    [7 * 24 * 3_600_000, '7 d'],
    [-(12 * 60_000), '12 min'],
  ])('%d ms → %s', (milliseconds, expected) => {
    expect(formatSpan(milliseconds)).toBe(expected);
  });
});

describe('formatRelative', () => {
  it.each([
    ['2026-11-20T10:00:40.000Z', 'now'],
    ['2026-11-20T12:05:00.000Z', 'in 2 h 5 min'],
    ['2026-11-20T09:48:00.000Z', '12 min ago'],
    ['2026-11-23T08:00:00.000Z', 'in 2 d 22 h'],
  ])('%s → %s', (iso, expected) => {
    expect(formatRelative(iso, now)).toBe(expected);
  });
});

describe('formatCountdown', () => {
  it.each([
    ['2026-11-20T10:00:09.200Z', '10 s'],
    ['2026-11-20T10:04:05.000Z', '4 min 05 s'],
    ['2026-11-20T11:02:00.000Z', '1 h 02 min'],
    ['2026-11-20T09:59:00.000Z', '0 s'],
  ])('%s → %s', (iso, expected) => {
    expect(formatCountdown(iso, now)).toBe(expected);
  });
});

describe('formatWhen', () => {
  it("names the instant in the viewer's zone", () => {
    // 08:00 UTC is 09:00 in Berlin in winter.
    expect(formatWhen('2026-11-23T08:00:00.000Z', now)).toBe(
      'Mon, Nov 23, 9:00 AM GMT+1',
    );
    const newYork = now.setZone('America/New_York');
    expect(formatWhen('2026-11-23T08:00:00.000Z', newYork)).toBe(
      'Mon, Nov 23, 3:00 AM EST',
    );
  });
});
