import { ConfigReader } from '@backstage/config';
import {
  DEFAULT_ACTION_ITEM_DUE_DAYS,
  dueDaysFor,
  readActionItemSettings,
} from './ActionItemSettings';

describe('readActionItemSettings', () => {
  it('defaults to due days for priority actions, reminders two days ahead from 09:00 local, and tickets read every 5 minutes', () => {
    expect(readActionItemSettings(new ConfigReader({}))).toEqual({
      dueDays: DEFAULT_ACTION_ITEM_DUE_DAYS,
      reminders: { daysBefore: 2, hour: 9, intervalMinutes: 15 },
      tickets: { syncIntervalMinutes: 5 },
    });
  });

  it('reads the ticket sync interval, 0 turning it off', () => {
    const read = (syncIntervalMinutes: number) =>
      readActionItemSettings(
        new ConfigReader({
          firebreak: { actionItems: { tickets: { syncIntervalMinutes } } },
        }),
      ).tickets.syncIntervalMinutes;
    expect(read(30)).toBe(30);
    expect(read(0)).toBe(0);
  });

  it('replaces the days of the priorities configured', () => {
    const { dueDays } = readActionItemSettings(
      new ConfigReader({
        firebreak: {
          actionItems: { dueDays: { P2: { default: 90 }, P0: { SEV1: 7 } } },
        },
      }),
    );
    expect(dueDays.P2).toEqual({ default: 90 });
    expect(dueDays.P0).toEqual({ SEV1: 7 });
    expect(dueDays.P1).toEqual(DEFAULT_ACTION_ITEM_DUE_DAYS.P1);
  });

  it.each([
    [{ dueDays: { P7: { SEV1: 3 } } }, /dueDays.P7 is not a priority/],
    [
      { dueDays: { P1: { SEV1: 0 } } },
      /dueDays.P1.SEV1 must be a whole number/,
    ],
    [{ reminders: { daysBefore: -1 } }, /reminders.daysBefore must be/],
    [
      { tickets: { syncIntervalMinutes: -5 } },
      /tickets.syncIntervalMinutes must be 0 or more/,
    ],
    [{ reminders: { hour: 24 } }, /reminders.hour must be a whole hour/],
    [{ reminders: { hour: 8.5 } }, /reminders.hour must be a whole hour/],
  ])('refuses %j naming the key', (actionItems, message) => {
    expect(() =>
      readActionItemSettings(new ConfigReader({ firebreak: { actionItems } })),
    ).toThrow(message);
  });
});

describe('dueDaysFor', () => {
  it.each<[string, string, number | undefined, number | undefined]>([
    ['P0', 'SEV1', undefined, 15],
    ['P1', 'SEV2', undefined, 30],
    ['P1', 'SEV3', undefined, 30],
    ['P1', 'SEV1', 7, 7],
    ['P2', 'SEV1', undefined, undefined],
    // The annotation sets a target only where the priority has one.
    ['P3', 'SEV1', 7, undefined],
  ])(
    '%s after a %s, annotated %s → %s days',
    (priority, severity, annotated, days) => {
      expect(
        dueDaysFor(
          DEFAULT_ACTION_ITEM_DUE_DAYS,
          priority as 'P0',
          severity,
          annotated,
        ),
      ).toBe(days);
    },
  );
});
