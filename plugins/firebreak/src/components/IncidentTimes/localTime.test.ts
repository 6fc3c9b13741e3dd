import { Settings } from 'luxon';
import { localZoneName, parsePastInstant, toLocalMinute } from './localTime';

describe('local times of datetime-local inputs', () => {
  const now = new Date('2026-11-20T12:00:00.000Z');
  const systemZone = Settings.defaultZone;
  // A browser in New York: 10:00 UTC is 05:00 there in November (EST, UTC-5).
  beforeEach(() => {
    Settings.defaultZone = 'America/New_York';
  });
  afterEach(() => {
    Settings.defaultZone = systemZone;
  });

  it('reads a typed time in the browser zone as an instant', () => {
    expect(parsePastInstant('2026-11-20T05:00', now)).toEqual({
      instant: '2026-11-20T10:00:00.000Z',
    });
  });

  it('reads nothing from an empty input, and refuses nonsense and the future', () => {
    expect(parsePastInstant('', now)).toEqual({});
    expect(parsePastInstant('yesterday', now)).toEqual({
      problem: 'Not a date and time',
    });
    // 07:01 in New York is 12:01 UTC, a minute after now.
    expect(parsePastInstant('2026-11-20T07:01', now)).toEqual({
      problem: 'Cannot be in the future',
    });
    expect(parsePastInstant('2026-11-20T07:00', now).instant).toBe(
      now.toISOString(),
    );
  });

  it('shows an instant in the browser zone to the minute, the way back of parsing', () => {
    expect(toLocalMinute('2026-11-20T10:00:45.123Z')).toBe('2026-11-20T05:00');
    expect(
      parsePastInstant(toLocalMinute('2026-07-01T08:30:00.000Z'), now).instant,
    ).toBe('2026-07-01T08:30:00.000Z');
  });

  it('names the zone the typed times are in', () => {
    expect(localZoneName()).toBe('EST');
  });
});
