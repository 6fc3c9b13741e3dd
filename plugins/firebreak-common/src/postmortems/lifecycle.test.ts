import {
  computeKeyDurations,
  computePostmortemDueAt,
  describePostmortemTransition,
} from './lifecycle';

describe('describePostmortemTransition', () => {
  it.each([
    ['draft', 'in_review', true],
    ['draft', 'published', false],
    ['in_review', 'published', true],
    ['in_review', 'draft', true],
    ['published', 'draft', true],
    ['published', 'in_review', false],
    ['published', 'waived', false],
    ['waived', 'draft', true],
    ['waived', 'published', false],
  ] as const)('%s → %s allowed: %s', (from, to, allowed) => {
    expect(describePostmortemTransition(from, to).allowed).toBe(allowed);
  });

  it('says where a refused move may go instead', () => {
    expect(describePostmortemTransition('draft', 'published')).toEqual({
      allowed: false,
      reason:
        'a draft postmortem cannot move to published; it can move to in_review or waived',
    });
  });
});

describe('computeKeyDurations', () => {
  it('runs from each known milestone to the next, skipping unknown ones', () => {
    expect(
      computeKeyDurations({
        impactStarted: '2026-06-01T10:00:00Z',
        detected: null,
        declared: '2026-06-01T10:05:00Z',
        firstPaged: '2026-06-01T10:05:30Z',
        acknowledged: '2026-06-01T10:07:30Z',
        mitigated: null,
        resolved: '2026-06-01T11:00:00Z',
      }),
    ).toEqual([
      { from: 'impactStarted', to: 'declared', seconds: 300 },
      { from: 'declared', to: 'firstPaged', seconds: 30 },
      { from: 'firstPaged', to: 'acknowledged', seconds: 120 },
      { from: 'acknowledged', to: 'resolved', seconds: 3150 },
      { from: 'impactStarted', to: 'resolved', seconds: 3600 },
    ]);
  });

  it('gives null, not a negative duration, for times out of order or unknown', () => {
    expect(
      computeKeyDurations({
        impactStarted: '2026-06-01T10:00:00Z',
        detected: null,
        declared: '2026-06-01T09:00:00Z',
        firstPaged: null,
        acknowledged: null,
        mitigated: null,
        resolved: null,
      }),
    ).toEqual([
      { from: 'impactStarted', to: 'declared', seconds: null },
      { from: 'impactStarted', to: 'resolved', seconds: null },
    ]);
  });
});

describe('computePostmortemDueAt', () => {
  it.each([
    // Friday 16:00 UTC + 3 calendar days: Monday 16:00.
    [
      '2026-06-05T16:00:00Z',
      { calendarDays: 3 },
      'UTC',
      '2026-06-08T16:00:00.000Z',
    ],
    // Friday + 5 business days: the next Friday.
    [
      '2026-06-05T16:00:00Z',
      { businessDays: 5 },
      'UTC',
      '2026-06-12T16:00:00.000Z',
    ],
    // Saturday + 5 business days: the next Friday.
    [
      '2026-06-06T10:00:00Z',
      { businessDays: 5 },
      'UTC',
      '2026-06-12T10:00:00.000Z',
    ],
    // 23:30 UTC on Friday is already Saturday in Tokyo: + 1 business day is Monday there.
    [
      '2026-06-05T23:30:00Z',
      { businessDays: 1 },
      'Asia/Tokyo',
      '2026-06-07T23:30:00.000Z',
    ],
    // ...but in UTC it is Friday, so Monday UTC, a day later.
    [
      '2026-06-05T23:30:00Z',
      { businessDays: 1 },
      'UTC',
      '2026-06-08T23:30:00.000Z',
    ],
    // Across the change to summer time, the local wall-clock time is kept.
    [
      '2026-03-27T09:00:00Z',
      { calendarDays: 3 },
      'Europe/Berlin',
      '2026-03-30T08:00:00.000Z',
    ],
  ])('%s + %j in %s is %s', (resolved, rule, zone, due) => {
    expect(
      computePostmortemDueAt(new Date(resolved), rule, zone).toISOString(),
    ).toBe(due);
  });
});
