import { computePriority, DEFAULT_PRIORITY_MATRIX } from './priority';
import { DEFAULT_SEVERITY_LEVELS } from './severity';

describe('computePriority with the default matrix', () => {
  it.each([
    ['high', 'high', 'P1'],
    ['high', 'medium', 'P2'],
    ['medium', 'high', 'P2'],
    ['high', 'low', 'P3'],
    ['medium', 'medium', 'P3'],
    ['low', 'high', 'P3'],
    ['medium', 'low', 'P4'],
    ['low', 'medium', 'P4'],
    ['low', 'low', 'P5'],
  ])('impact %s × urgency %s → %s', (impact, urgency, priority) => {
    expect(computePriority(DEFAULT_PRIORITY_MATRIX, impact, urgency)).toBe(
      priority,
    );
  });

  it('has no priority for levels outside the matrix', () => {
    expect(
      computePriority(DEFAULT_PRIORITY_MATRIX, 'huge', 'high'),
    ).toBeUndefined();
  });

  it.each([
    ['SEV1', 'P1'],
    ['SEV2', 'P2'],
    ['SEV3', 'P4'],
  ])("gives %s's default impact and urgency %s", (severity, priority) => {
    const level = DEFAULT_SEVERITY_LEVELS.find(l => l.id === severity)!;
    expect(
      computePriority(
        DEFAULT_PRIORITY_MATRIX,
        level.defaultImpact,
        level.defaultUrgency,
      ),
    ).toBe(priority);
  });
});
