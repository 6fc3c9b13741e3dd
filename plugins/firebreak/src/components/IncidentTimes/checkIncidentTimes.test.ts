import { formatIncidentInstant } from '../IncidentPage/formatIncidentInstant';
import {
  checkIncidentTimes,
  IncidentTimesInput,
  incidentTimesInput,
} from './checkIncidentTimes';
import { toLocalMinute } from './localTime';

const now = new Date('2026-11-20T12:00:00.000Z');
// Stored with seconds, which the inputs cannot show.
const incident = {
  startedAt: '2026-11-20T09:50:30.000Z',
  detectedAt: '2026-11-20T09:55:10.000Z',
  declaredAt: '2026-11-20T10:00:00.000Z',
};
const local = toLocalMinute;

describe('checkIncidentTimes', () => {
  it.each<[string, Partial<IncidentTimesInput>, unknown]>([
    ['nothing typed: nothing to send, seconds kept', {}, { changes: {} }],
    [
      'an earlier start alone',
      { startedAt: local('2026-11-20T09:40:00Z') },
      { changes: { startedAt: '2026-11-20T09:40:00.000Z' } },
    ],
    [
      'a later detection alone',
      { detectedAt: local('2026-11-20T09:58:00Z') },
      { changes: { detectedAt: '2026-11-20T09:58:00.000Z' } },
    ],
    [
      'the detection cleared',
      { detectedAt: '' },
      { changes: { detectedAt: null } },
    ],
    [
      'both, in order',
      {
        startedAt: local('2026-11-20T09:00:00Z'),
        detectedAt: local('2026-11-20T09:05:00Z'),
      },
      {
        changes: {
          startedAt: '2026-11-20T09:00:00.000Z',
          detectedAt: '2026-11-20T09:05:00.000Z',
        },
      },
    ],
    [
      'a detection before the stored start',
      { detectedAt: local('2026-11-20T09:45:00Z') },
      {
        changes: { detectedAt: '2026-11-20T09:45:00.000Z' },
        detectedAtProblem: 'Cannot be before the impact started',
      },
    ],
    [
      'a start after the stored detection: the start is at fault',
      { startedAt: local('2026-11-20T09:57:00Z') },
      {
        changes: { startedAt: '2026-11-20T09:57:00.000Z' },
        startedAtProblem: 'Cannot be after the impact was detected',
      },
    ],
    [
      'a later start once the detection is cleared',
      { startedAt: local('2026-11-20T09:57:00Z'), detectedAt: '' },
      {
        changes: { startedAt: '2026-11-20T09:57:00.000Z', detectedAt: null },
      },
    ],
    [
      'a detection after the incident was declared',
      { detectedAt: local('2026-11-20T10:30:00Z') },
      {
        changes: { detectedAt: '2026-11-20T10:30:00.000Z' },
        detectedAtProblem: `Cannot be after the incident was declared (${formatIncidentInstant(
          incident.declaredAt,
        )})`,
      },
    ],
    [
      'a start in the future',
      { startedAt: local('2026-11-20T12:01:00Z') },
      { changes: {}, startedAtProblem: 'Cannot be in the future' },
    ],
    [
      'a detection in the future',
      { detectedAt: local('2026-11-20T12:01:00Z') },
      { changes: {}, detectedAtProblem: 'Cannot be in the future' },
    ],
    [
      'no start',
      { startedAt: '' },
      { changes: {}, startedAtProblem: 'Required: when the impact started' },
    ],
  ])('%s', (_, typed, expected) => {
    const input = { ...incidentTimesInput(incident), ...typed };
    expect(checkIncidentTimes(incident, input, now)).toEqual(expected);
  });

  it('shows no detection as an empty input, and clearing nothing changes nothing', () => {
    const undetected = { ...incident, detectedAt: undefined };
    expect(incidentTimesInput(undetected)).toEqual({
      startedAt: local(incident.startedAt),
      detectedAt: '',
    });
    expect(
      checkIncidentTimes(undetected, incidentTimesInput(undetected), now),
    ).toEqual({ changes: {} });
  });
});
