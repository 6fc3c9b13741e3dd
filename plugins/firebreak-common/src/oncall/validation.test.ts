import {
  findEscalationPolicyProblems,
  findOverrideProblems,
  findScheduleProblems,
} from './validation';
import { ScheduleLayer } from './types';

const good: ScheduleLayer = {
  name: 'Primary',
  participants: ['user:default/alice', 'user:bob'],
  rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
  restrictions: [{ daysOfWeek: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' }],
};

describe('findScheduleProblems', () => {
  it('finds nothing wrong with a usable schedule', () => {
    expect(
      findScheduleProblems({ timeZone: 'Asia/Kolkata', layers: [good] }),
    ).toEqual([]);
  });

  it.each<
    [string, Partial<ScheduleLayer> | { timeZone: string }, string, RegExp]
  >([
    ['an unknown zone', { timeZone: 'Mars/Olympus_Mons' }, 'timeZone', /IANA/],
    [
      'empty participants',
      { participants: [] },
      'layers[0].participants',
      /at least one/,
    ],
    [
      'a group as participant',
      { participants: ['user:alice', 'group:default/payments'] },
      'layers[0].participants[1]',
      /not a user/,
    ],
    [
      'a bare name as participant',
      { participants: ['alice'] },
      'layers[0].participants[0]',
      /not a user/,
    ],
    ['an empty name', { name: ' ' }, 'layers[0].name', /empty/],
    [
      'an hours rotation without hours',
      { rotation: { type: 'hours', handoff: '2026-06-01T09:00' } },
      'layers[0].rotation.hours',
      /whole number/,
    ],
    [
      'fractional hours',
      { rotation: { type: 'hours', hours: 1.5, handoff: '2026-06-01T09:00' } },
      'layers[0].rotation.hours',
      /whole number/,
    ],
    [
      'an unknown rotation',
      { rotation: { type: 'monthly' as 'daily', handoff: '2026-06-01T09:00' } },
      'layers[0].rotation.type',
      /daily, weekly, hours/,
    ],
    [
      'a handoff with seconds',
      { rotation: { type: 'daily', handoff: '2026-06-01T09:00:00' } },
      'layers[0].rotation.handoff',
      /YYYY-MM-DDTHH:mm/,
    ],
    [
      'a handoff on 30 February',
      { rotation: { type: 'daily', handoff: '2026-02-30T09:00' } },
      'layers[0].rotation.handoff',
      /YYYY-MM-DDTHH:mm/,
    ],
    [
      'a restriction at 24:00',
      { restrictions: [{ start: '09:00', end: '24:00' }] },
      'layers[0].restrictions[0].end',
      /HH:mm/,
    ],
    [
      'a weekday 0',
      { restrictions: [{ daysOfWeek: [0], start: '09:00', end: '17:00' }] },
      'layers[0].restrictions[0].daysOfWeek[0]',
      /1 \(Monday\) to 7/,
    ],
  ])('names the field for %s', (_, change, field, message) => {
    const schedule =
      'timeZone' in change
        ? { timeZone: change.timeZone, layers: [good] }
        : { timeZone: 'Europe/Berlin', layers: [{ ...good, ...change }] };
    const [problem] = findScheduleProblems(schedule);
    expect(problem.field).toBe(field);
    expect(problem.message).toMatch(message);
  });

  it('wants at least one layer', () => {
    expect(findScheduleProblems({ timeZone: 'UTC', layers: [] })).toEqual([
      { field: 'layers', message: 'must hold at least one layer' },
    ]);
  });
});

describe('findOverrideProblems', () => {
  it('accepts a user covering a stretch', () => {
    expect(
      findOverrideProblems({
        userRef: 'user:default/alice',
        start: '2026-06-01T09:00:00Z',
        end: '2026-06-01T17:00:00Z',
      }),
    ).toEqual([]);
  });

  it.each([
    [
      'group:default/payments',
      '2026-06-01T09:00:00Z',
      '2026-06-01T17:00:00Z',
      'userRef',
    ],
    ['user:alice', 'soon', '2026-06-01T17:00:00Z', 'start'],
    ['user:alice', '2026-06-01T09:00:00Z', '2026-06-01T09:00:00Z', 'end'],
    ['user:alice', '2026-06-01T09:00:00Z', '2026-05-01T09:00:00Z', 'end'],
  ])('refuses %s from %s to %s, naming %s', (userRef, start, end, field) => {
    expect(findOverrideProblems({ userRef, start, end })[0].field).toBe(field);
  });
});

describe('findEscalationPolicyProblems', () => {
  const level = {
    targets: [{ type: 'schedule' as const, ref: 'some-id' }],
    ackTimeoutMinutes: 15,
  };

  it('accepts levels of schedules and users', () => {
    expect(
      findEscalationPolicyProblems({
        levels: [
          level,
          {
            targets: [{ type: 'user', ref: 'user:bob' }],
            ackTimeoutMinutes: 30,
          },
        ],
        repeat: 2,
      }),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof findEscalationPolicyProblems>[0], string]>(
    [
      ['no levels', { levels: [] }, 'levels'],
      [
        'a level without targets',
        { levels: [{ ...level, targets: [] }] },
        'levels[0].targets',
      ],
      [
        'a group as user target',
        {
          levels: [
            level,
            { ...level, targets: [{ type: 'user', ref: 'group:payments' }] },
          ],
        },
        'levels[1].targets[0].ref',
      ],
      [
        'a zero timeout',
        { levels: [{ ...level, ackTimeoutMinutes: 0 }] },
        'levels[0].ackTimeoutMinutes',
      ],
      ['a negative repeat', { levels: [level], repeat: -1 }, 'repeat'],
    ],
  )('names the field for %s', (_, policy, field) => {
    expect(findEscalationPolicyProblems(policy)[0].field).toBe(field);
  });
});
