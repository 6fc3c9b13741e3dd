import { ConfigReader } from '@backstage/config';
import { DEFAULT_SEVERITY_LEVELS } from '@firebreak/backstage-plugin-common';
import {
  DEFAULT_POSTMORTEM_TEMPLATE,
  readPostmortemSettings,
} from './PostmortemSettings';

const read = (postmortems?: object) =>
  readPostmortemSettings(
    new ConfigReader(postmortems ? { firebreak: { postmortems } } : {}),
    [...DEFAULT_SEVERITY_LEVELS],
  );

describe('readPostmortemSettings', () => {
  it('defaults to the issue: major severities, one approval, PD due dates, the full template', () => {
    expect(read()).toEqual({
      requiredSeverities: ['SEV1', 'SEV2'],
      approvalsRequired: 1,
      due: { SEV1: { calendarDays: 3 }, SEV2: { businessDays: 5 } },
      reminderHoursBefore: 24,
      template: DEFAULT_POSTMORTEM_TEMPLATE,
    });
    expect(DEFAULT_POSTMORTEM_TEMPLATE).toHaveLength(10);
  });

  it('reads what is configured', () => {
    expect(
      read({
        requiredSeverities: ['SEV1'],
        approvalsRequired: 2,
        due: { SEV1: { businessDays: 2 } },
        reminderHoursBefore: 0,
        template: [
          { id: 'what-happened', title: 'What happened', fiveWhys: true },
        ],
      }),
    ).toEqual({
      requiredSeverities: ['SEV1'],
      approvalsRequired: 2,
      due: { SEV1: { businessDays: 2 } },
      reminderHoursBefore: 0,
      template: [
        { id: 'what-happened', title: 'What happened', body: '', whys: true },
      ],
    });
  });

  it.each([
    [{ requiredSeverities: ['SEV9'] }, /requiredSeverities names 'SEV9'/],
    [{ approvalsRequired: -1 }, /approvalsRequired/],
    [
      { due: { SEV9: { calendarDays: 1 } } },
      /due.SEV9 is not a configured severity/,
    ],
    [
      { due: { SEV1: { calendarDays: 1, businessDays: 1 } } },
      /due.SEV1 must give either/,
    ],
    [{ reminderHoursBefore: -2 }, /reminderHoursBefore/],
    [{ template: [{ id: 'A b', title: 'x' }] }, /template\[0\].id/],
    [
      {
        template: [
          { id: 'a', title: 'x' },
          { id: 'a', title: 'y' },
        ],
      },
      /template\[1\].id/,
    ],
  ])('refuses %j', (config, message) => {
    expect(() => read(config)).toThrow(message);
  });
});
