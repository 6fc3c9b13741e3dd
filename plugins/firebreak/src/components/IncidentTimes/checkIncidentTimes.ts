import {
  describeDetectionProblem,
  Incident,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';
import { formatIncidentInstant } from '../IncidentPage/formatIncidentInstant';
import { parsePastInstant, toLocalMinute } from './localTime';

/**
 * An incident's times as the form's datetime-local inputs hold them; empty for none.
 *
 * @internal
 */
export interface IncidentTimesInput {
  startedAt: string;
  detectedAt: string;
}

/**
 * What the form shows of the incident's times before anyone types.
 *
 * @internal
 */
export function incidentTimesInput(
  incident: Pick<Incident, 'startedAt' | 'detectedAt'>,
): IncidentTimesInput {
  return {
    startedAt: toLocalMinute(incident.startedAt),
    detectedAt: incident.detectedAt ? toLocalMinute(incident.detectedAt) : '',
  };
}

/**
 * What typing the given times would change and what is wrong with them, per field.
 *
 * @internal
 */
export interface IncidentTimesCheck {
  /** Only the times that changed (`detectedAt: null` clears it); empty when none did. */
  changes: Pick<UpdateIncidentRequest, 'startedAt' | 'detectedAt'>;
  startedAtProblem?: string;
  detectedAtProblem?: string;
}

/**
 * Checks edited incident times as the backend will: each must be a past time, the impact start
 * is required, and the order of start, detection and declaring is `describeDetectionProblem`'s,
 * applied to what the change leaves — an unchanged time keeps its stored instant, seconds and
 * all, since only changed times are sent. The messages speak to the person at the form.
 *
 * @internal
 */
export function checkIncidentTimes(
  incident: Pick<Incident, 'startedAt' | 'detectedAt' | 'declaredAt'>,
  input: IncidentTimesInput,
  now: Date = new Date(),
): IncidentTimesCheck {
  const initial = incidentTimesInput(incident);
  const startedChanged = input.startedAt !== initial.startedAt;
  const detectedChanged = input.detectedAt !== initial.detectedAt;
  const started = input.startedAt
    ? parsePastInstant(input.startedAt, now)
    : { instant: undefined, problem: 'Required: when the impact started' };
  const detected = parsePastInstant(input.detectedAt, now);

  const changes: IncidentTimesCheck['changes'] = {};
  if (startedChanged && started.instant) {
    changes.startedAt = started.instant;
  }
  if (detectedChanged && !detected.problem) {
    changes.detectedAt = detected.instant ?? null;
  }
  if (started.problem || detected.problem) {
    return {
      changes,
      startedAtProblem: started.problem,
      detectedAtProblem: detected.problem,
    };
  }

  const startedAt = changes.startedAt ?? incident.startedAt;
  const detectedAt = detectedChanged ? detected.instant : incident.detectedAt;
  // As the backend decides it: the time being set is the one at fault.
  const problem = describeDetectionProblem(
    { startedAt, detectedAt, declaredAt: incident.declaredAt },
    { now, changed: detectedChanged ? 'detectedAt' : 'startedAt' },
  );
  if (!problem) {
    return { changes };
  }
  if (problem.startsWith('startedAt:')) {
    return {
      changes,
      startedAtProblem: 'Cannot be after the impact was detected',
    };
  }
  return {
    changes,
    detectedAtProblem:
      Date.parse(detectedAt!) < Date.parse(startedAt)
        ? 'Cannot be before the impact started'
        : `Cannot be after the incident was declared (${formatIncidentInstant(
            incident.declaredAt,
          )})`,
  };
}
