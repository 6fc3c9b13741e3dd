import { describeDetectionProblem } from './detection';

const now = new Date('2026-11-20T12:00:00.000Z');
const declaredAt = '2026-11-20T10:30:00.000Z';
const startedAt = '2026-11-20T10:00:00.000Z';

describe('describeDetectionProblem', () => {
  it.each([
    ['no detection recorded', undefined, undefined, undefined],
    ['detected when the impact started', startedAt, 'detectedAt', undefined],
    [
      'detected between start and declaring',
      '2026-11-20T10:05:00.000Z',
      'detectedAt',
      undefined,
    ],
    ['detected when declared', declaredAt, 'detectedAt', undefined],
    [
      'detected before the impact',
      '2026-11-20T09:59:59.999Z',
      'detectedAt',
      'detectedAt: must be at or after startedAt (2026-11-20T10:00:00.000Z), when the impact started',
    ],
    [
      'an impact start moved after the detection',
      '2026-11-20T09:59:59.999Z',
      'startedAt',
      'startedAt: must be at or before detectedAt (2026-11-20T09:59:59.999Z), when the impact was first noticed',
    ],
    [
      'detected after declaring',
      '2026-11-20T10:30:00.001Z',
      'detectedAt',
      'detectedAt: must be at or before declaredAt (2026-11-20T10:30:00.000Z), when the incident was declared',
    ],
    [
      'detected in the future',
      '2026-11-20T12:00:00.001Z',
      'detectedAt',
      'detectedAt: cannot be in the future',
    ],
  ] as const)('%s', (_, detectedAt, changed, expected) => {
    const problem = describeDetectionProblem(
      { startedAt, detectedAt, declaredAt },
      { now, changed },
    );
    expect(problem).toBe(expected);
  });
});
