import { DateTime } from 'luxon';
import {
  computeLayerShifts,
  computeScheduleShifts,
  findOnCall,
} from './shifts';
import { ScheduleDefinition, ScheduleLayer, Shift } from './types';

const HOUR = 3_600_000;
const hoursOf = (shift: Shift) =>
  (Date.parse(shift.end) - Date.parse(shift.start)) / HOUR;
const local = (iso: string, zone: string) =>
  DateTime.fromISO(iso, { zone }).toFormat("ccc yyyy-MM-dd'T'HH:mm");
const at = (iso: string, zone = 'utc') =>
  DateTime.fromISO(iso, { zone }).toJSDate();

function layer(overrides: Partial<ScheduleLayer> = {}): ScheduleLayer {
  return {
    name: 'Primary',
    participants: ['user:default/a', 'user:default/b', 'user:default/c'],
    rotation: { type: 'weekly', handoff: '2026-01-05T09:00' },
    ...overrides,
  };
}

describe('weekly handoffs across DST', () => {
  // zone, the Monday a shift starts, its length in hours (168 ± the DST change in it)
  it.each<[string, string, number]>([
    ['America/New_York', '2026-03-02', 167], // clocks spring forward on Sun 8 March
    ['America/New_York', '2026-03-09', 168],
    ['America/New_York', '2026-10-26', 169], // and fall back on Sun 1 November
    ['Europe/Berlin', '2026-03-23', 167], // Sun 29 March
    ['Europe/Berlin', '2026-10-19', 169], // Sun 25 October
    ['Europe/Berlin', '2026-06-01', 168],
    ['Australia/Adelaide', '2026-03-30', 169], // +10:30 → +09:30 on Sun 5 April
    ['Australia/Adelaide', '2026-09-28', 167], // +09:30 → +10:30 on Sun 4 October
    ['Australia/Lord_Howe', '2026-09-28', 167.5], // a 30-minute DST change
    ['Asia/Kolkata', '2026-03-02', 168], // +05:30 all year
  ])('in %s the shift from Monday %s lasts %d h', (zone, monday, hours) => {
    const shifts = computeLayerShifts(
      zone,
      layer(),
      at(`${monday}T12:00`, zone),
      at(`${monday}T12:00`, zone),
    );
    expect(shifts).toEqual([]); // an empty range has no shifts

    const [shift] = computeLayerShifts(
      zone,
      layer(),
      at(`${monday}T09:00`, zone),
      DateTime.fromISO(`${monday}T09:00`, { zone })
        .plus({ days: 8 })
        .toJSDate(),
    );
    expect(local(shift.start, zone)).toBe(`Mon ${monday}T09:00`);
    expect(hoursOf(shift)).toBe(hours);
    expect(local(shift.end, zone)).toMatch(/^Mon .*T09:00$/);
  });

  it('keeps every handoff of a year at Monday 09:00 local, in rotation order', () => {
    for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata']) {
      const shifts = computeLayerShifts(
        zone,
        layer(),
        at('2026-01-05T09:00', zone),
        at('2027-01-04T09:00', zone),
      );
      expect(shifts).toHaveLength(52);
      shifts.forEach((shift, i) => {
        expect(local(shift.start, zone)).toMatch(/^Mon .*T09:00$/);
        expect(shift.userRef).toBe(
          ['user:default/a', 'user:default/b', 'user:default/c'][i % 3],
        );
      });
    }
  });
});

describe('no gaps and no double booking within a layer', () => {
  // zone, rotation, handoff (some inside a DST gap or overlap on purpose)
  it.each<[string, ScheduleLayer['rotation']]>([
    ['America/New_York', { type: 'daily', handoff: '2026-03-01T02:30' }],
    [
      'America/New_York',
      { type: 'hours', hours: 12, handoff: '2026-01-01T07:00' },
    ],
    [
      'America/New_York',
      { type: 'hours', hours: 1, handoff: '2026-01-01T00:00' },
    ],
    ['Europe/Berlin', { type: 'hours', hours: 8, handoff: '2026-02-01T02:00' }],
    ['Europe/Berlin', { type: 'daily', handoff: '2026-10-25T02:30' }],
    [
      'Australia/Adelaide',
      { type: 'hours', hours: 36, handoff: '2025-12-31T21:30' },
    ],
    ['Australia/Lord_Howe', { type: 'daily', handoff: '2026-01-01T02:15' }],
    ['Asia/Kolkata', { type: 'weekly', handoff: '2026-01-07T00:00' }],
  ])('%s %j tiles the whole year', (zone, rotation) => {
    const from = at('2026-01-01T00:00', zone);
    const to = at('2027-01-01T00:00', zone);
    const shifts = computeLayerShifts(zone, layer({ rotation }), from, to);

    expect(shifts[0].start).toBe(from.toISOString());
    expect(shifts[shifts.length - 1].end).toBe(to.toISOString());
    for (let i = 1; i < shifts.length; i += 1) {
      expect(shifts[i].start).toBe(shifts[i - 1].end);
      expect(hoursOf(shifts[i])).toBeGreaterThan(0);
    }
    // Shifts in the middle of the year keep their length within an hour of nominal.
    const nominal = { hours: rotation.hours ?? 0, daily: 24, weekly: 168 }[
      rotation.type
    ];
    for (const shift of shifts.slice(1, -1)) {
      expect(Math.abs(hoursOf(shift) - nominal)).toBeLessThanOrEqual(1);
    }
  });

  it('moves a handoff skipped by spring-forward to just after the gap', () => {
    const zone = 'America/New_York';
    const shifts = computeLayerShifts(
      zone,
      layer({ rotation: { type: 'daily', handoff: '2026-03-01T02:30' } }),
      at('2026-03-07T00:00', zone),
      at('2026-03-10T00:00', zone),
    );
    expect(shifts.map(s => local(s.start, zone))).toEqual([
      'Sat 2026-03-07T00:00',
      'Sat 2026-03-07T02:30',
      'Sun 2026-03-08T03:30',
      'Mon 2026-03-09T02:30',
    ]);
    // Wall-clock days of 24 h: the one holding the change is an hour shorter in real time.
    expect(shifts.map(hoursOf)).toEqual([2.5, 24, 23, 21.5]);
  });

  it('puts a handoff in the hour that happens twice at its first occurrence, whatever the date today', () => {
    const cases: Array<[string, string, string, string]> = [
      // zone, daily handoff, the day clocks fall back, the handoff's instant that day
      ['Europe/Berlin', '02:30', '2026-10-25', '2026-10-25T00:30:00.000Z'],
      ['America/New_York', '01:30', '2026-11-01', '2026-11-01T05:30:00.000Z'],
      ['Australia/Adelaide', '02:30', '2026-04-05', '2026-04-04T16:00:00.000Z'],
    ];
    for (const [zone, time, day, instant] of cases) {
      const shifts = computeLayerShifts(
        zone,
        layer({ rotation: { type: 'daily', handoff: `2026-01-01T${time}` } }),
        at(`${day}T00:00`, zone),
        at(`${day}T12:00`, zone),
      );
      expect(shifts.map(s => s.start)).toEqual([
        at(`${day}T00:00`, zone).toISOString(),
        instant,
      ]);
    }
  });

  it('counts rotations backwards before the anchor', () => {
    const zone = 'Europe/Berlin';
    const shifts = computeLayerShifts(
      zone,
      layer({ rotation: { type: 'daily', handoff: '2026-05-10T09:00' } }),
      at('2026-05-07T09:00', zone),
      at('2026-05-11T09:00', zone),
    );
    expect(shifts.map(s => s.userRef)).toEqual([
      'user:default/a', // 7 May: three shifts before a's anchor shift
      'user:default/b',
      'user:default/c',
      'user:default/a', // 10 May: the anchor
    ]);
  });
});

describe('restrictions', () => {
  it('keeps a weekdays 09:00–17:00 layer inside office hours, across DST', () => {
    const zone = 'Europe/Berlin';
    const shifts = computeLayerShifts(
      zone,
      layer({
        participants: ['user:default/a', 'user:default/b'],
        rotation: { type: 'daily', handoff: '2026-03-23T00:00' },
        restrictions: [
          { daysOfWeek: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        ],
      }),
      at('2026-03-27T00:00', zone), // Friday, before the Sunday DST change
      at('2026-03-31T00:00', zone),
    );
    expect(
      shifts.map(s => [local(s.start, zone), local(s.end, zone), s.userRef]),
    ).toEqual([
      ['Fri 2026-03-27T09:00', 'Fri 2026-03-27T17:00', 'user:default/a'],
      ['Mon 2026-03-30T09:00', 'Mon 2026-03-30T17:00', 'user:default/b'],
    ]);
    expect(shifts.map(hoursOf)).toEqual([8, 8]);
  });

  it('runs a night window past midnight and splits it at the handoff', () => {
    const zone = 'America/New_York';
    const shifts = computeLayerShifts(
      zone,
      layer({
        participants: ['user:default/a', 'user:default/b'],
        rotation: { type: 'daily', handoff: '2026-06-01T00:00' },
        restrictions: [{ start: '22:00', end: '06:00' }],
      }),
      at('2026-06-01T12:00', zone),
      at('2026-06-02T12:00', zone),
    );
    expect(
      shifts.map(s => [local(s.start, zone), local(s.end, zone), s.userRef]),
    ).toEqual([
      ['Mon 2026-06-01T22:00', 'Tue 2026-06-02T00:00', 'user:default/a'],
      ['Tue 2026-06-02T00:00', 'Tue 2026-06-02T06:00', 'user:default/b'],
    ]);
  });
});

describe('computeScheduleShifts', () => {
  const zone = 'Europe/Berlin';
  const base = layer({
    name: 'Around the clock',
    participants: ['user:default/a', 'user:default/b'],
    rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
  });
  const office = layer({
    name: 'Office hours',
    participants: ['user:default/c'],
    rotation: { type: 'daily', handoff: '2026-06-01T00:00' },
    restrictions: [
      { daysOfWeek: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    ],
  });
  const view = (shifts: Shift[]) =>
    shifts.map(
      s =>
        `${local(s.start, zone)} ${local(s.end, zone)} ${s.userRef.slice(13)}`,
    );

  it('lets a higher layer win and the lower one show through around it', () => {
    const shifts = computeScheduleShifts(
      { timeZone: zone, layers: [base, office] },
      at('2026-06-05T00:00', zone),
      at('2026-06-09T00:00', zone),
    );
    expect(view(shifts)).toEqual([
      'Fri 2026-06-05T00:00 Fri 2026-06-05T09:00 a',
      'Fri 2026-06-05T09:00 Fri 2026-06-05T17:00 c',
      'Fri 2026-06-05T17:00 Mon 2026-06-08T09:00 a', // a's week, merged over the weekend
      'Mon 2026-06-08T09:00 Mon 2026-06-08T17:00 c',
      'Mon 2026-06-08T17:00 Tue 2026-06-09T00:00 b',
    ]);
  });

  it('puts overrides above every layer, a later override above an earlier one', () => {
    const schedule: ScheduleDefinition = {
      timeZone: zone,
      layers: [base, office],
      overrides: [
        {
          userRef: 'user:default/x',
          start: at('2026-06-05T12:00', zone).toISOString(),
          end: at('2026-06-06T12:00', zone).toISOString(),
        },
        {
          userRef: 'user:default/y',
          start: at('2026-06-05T20:00', zone).toISOString(),
          end: at('2026-06-05T22:00', zone).toISOString(),
        },
      ],
    };
    expect(
      view(
        computeScheduleShifts(
          schedule,
          at('2026-06-05T08:00', zone),
          at('2026-06-06T14:00', zone),
        ),
      ),
    ).toEqual([
      'Fri 2026-06-05T08:00 Fri 2026-06-05T09:00 a',
      'Fri 2026-06-05T09:00 Fri 2026-06-05T12:00 c',
      'Fri 2026-06-05T12:00 Fri 2026-06-05T20:00 x',
      'Fri 2026-06-05T20:00 Fri 2026-06-05T22:00 y',
      'Fri 2026-06-05T22:00 Sat 2026-06-06T12:00 x',
      'Sat 2026-06-06T12:00 Sat 2026-06-06T14:00 a',
    ]);
  });

  it('leaves out the stretches nobody covers', () => {
    const shifts = computeScheduleShifts(
      { timeZone: zone, layers: [office] },
      at('2026-06-05T00:00', zone),
      at('2026-06-08T12:00', zone),
    );
    expect(view(shifts)).toEqual([
      'Fri 2026-06-05T09:00 Fri 2026-06-05T17:00 c',
      'Mon 2026-06-08T09:00 Mon 2026-06-08T12:00 c',
    ]);
  });

  it('merges the consecutive shifts of a single participant', () => {
    const shifts = computeScheduleShifts(
      {
        timeZone: zone,
        layers: [layer({ participants: ['user:default/solo'] })],
      },
      at('2026-01-01T00:00', zone),
      at('2026-12-31T00:00', zone),
    );
    expect(shifts).toHaveLength(1);
  });
});

describe('findOnCall', () => {
  const schedule: ScheduleDefinition = {
    timeZone: 'America/New_York',
    layers: [
      layer({
        participants: ['user:default/a', 'user:default/b'],
        rotation: { type: 'daily', handoff: '2026-06-01T09:00' },
      }),
    ],
  };

  it('tells who is on call, until when, and who is next', () => {
    const { current, next } = findOnCall(
      schedule,
      at('2026-06-02T08:00', 'America/New_York'),
    );
    expect(current).toEqual({
      userRef: 'user:default/a',
      start: at('2026-06-02T08:00', 'America/New_York').toISOString(),
      end: at('2026-06-02T09:00', 'America/New_York').toISOString(),
    });
    expect(next?.userRef).toBe('user:default/b');
  });

  it('has nobody current outside every restriction window, but knows who is next', () => {
    const restricted: ScheduleDefinition = {
      ...schedule,
      layers: [
        {
          ...schedule.layers[0],
          restrictions: [{ start: '09:00', end: '17:00' }],
        },
      ],
    };
    const { current, next } = findOnCall(
      restricted,
      at('2026-06-02T20:00', 'America/New_York'),
    );
    expect(current).toBeUndefined();
    expect(next?.start).toBe(
      at('2026-06-03T09:00', 'America/New_York').toISOString(),
    );
  });
});
