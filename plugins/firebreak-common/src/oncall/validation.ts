import { parseEntityRef } from '@backstage/catalog-model';
import { IANAZone } from 'luxon';
import { parseTimeOfDay, parseWallClock } from './shifts';
import { EscalationLevel } from './api';
import {
  LayerRestriction,
  ScheduleLayer,
  ScheduleOverride,
  RotationType,
} from './types';

/**
 * Something wrong with a schedule, naming the field at fault as a path such as
 * `layers[0].participants[1]`.
 *
 * @public
 */
export interface ScheduleProblem {
  field: string;
  message: string;
}

/** Rotation types a layer may use. @public */
export const ROTATION_TYPES: readonly RotationType[] = [
  'daily',
  'weekly',
  'hours',
];

/** The longest `hours` shift accepted: four weeks. @public */
export const MAX_ROTATION_HOURS = 24 * 28;

/**
 * Whether a string names an IANA time zone, such as `America/New_York`.
 *
 * @public
 */
export function isValidTimeZone(timeZone: string): boolean {
  return typeof timeZone === 'string' && IANAZone.isValidZone(timeZone);
}

/**
 * Whether a string is a user entity ref (`user:alice` or `user:default/alice`).
 *
 * @public
 */
export function isUserEntityRef(ref: string): boolean {
  try {
    return (
      parseEntityRef(ref, {
        defaultNamespace: 'default',
      }).kind.toLowerCase() === 'user'
    );
  } catch {
    return false;
  }
}

function layerProblems(layer: ScheduleLayer, field: string): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!layer.name?.trim()) {
    problems.push({ field: `${field}.name`, message: 'must not be empty' });
  }
  if (layer.participants.length === 0) {
    problems.push({
      field: `${field}.participants`,
      message: 'must name at least one person',
    });
  }
  layer.participants.forEach((ref, i) => {
    if (!isUserEntityRef(ref)) {
      problems.push({
        field: `${field}.participants[${i}]`,
        message: `"${ref}" is not a user entity ref such as user:default/alice`,
      });
    }
  });
  const { rotation } = layer;
  if (!ROTATION_TYPES.includes(rotation.type)) {
    problems.push({
      field: `${field}.rotation.type`,
      message: `must be one of ${ROTATION_TYPES.join(', ')}`,
    });
  }
  if (rotation.type === 'hours') {
    const hours = rotation.hours;
    if (
      hours === undefined ||
      !Number.isInteger(hours) ||
      hours < 1 ||
      hours > MAX_ROTATION_HOURS
    ) {
      problems.push({
        field: `${field}.rotation.hours`,
        message: `must be a whole number of hours from 1 to ${MAX_ROTATION_HOURS}`,
      });
    }
  }
  if (parseWallClock(rotation.handoff) === undefined) {
    problems.push({
      field: `${field}.rotation.handoff`,
      message: 'must be a local date and time YYYY-MM-DDTHH:mm',
    });
  }
  (layer.restrictions ?? []).forEach((restriction, i) =>
    problems.push(
      ...restrictionProblems(restriction, `${field}.restrictions[${i}]`),
    ),
  );
  return problems;
}

function restrictionProblems(
  restriction: LayerRestriction,
  field: string,
): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  for (const key of ['start', 'end'] as const) {
    if (parseTimeOfDay(restriction[key]) === undefined) {
      problems.push({
        field: `${field}.${key}`,
        message: 'must be a time of day HH:mm',
      });
    }
  }
  const days = restriction.daysOfWeek;
  if (days !== undefined) {
    if (days.length === 0) {
      problems.push({
        field: `${field}.daysOfWeek`,
        message: 'must name at least one day, or be left out for every day',
      });
    }
    days.forEach((day, i) => {
      if (!Number.isInteger(day) || day < 1 || day > 7) {
        problems.push({
          field: `${field}.daysOfWeek[${i}]`,
          message: 'must be an ISO weekday, 1 (Monday) to 7 (Sunday)',
        });
      }
    });
  }
  return problems;
}

/**
 * What is wrong with a schedule's zone and layers, in field order; empty when it is usable.
 *
 * @public
 */
export function findScheduleProblems(schedule: {
  timeZone: string;
  layers: ScheduleLayer[];
}): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!isValidTimeZone(schedule.timeZone)) {
    problems.push({
      field: 'timeZone',
      message: `"${schedule.timeZone}" is not an IANA time zone such as Europe/Berlin`,
    });
  }
  if (schedule.layers.length === 0) {
    problems.push({ field: 'layers', message: 'must hold at least one layer' });
  }
  schedule.layers.forEach((layer, i) =>
    problems.push(...layerProblems(layer, `layers[${i}]`)),
  );
  return problems;
}

/**
 * What is wrong with an override; empty when it is usable.
 *
 * @public
 */
export function findOverrideProblems(
  override: ScheduleOverride,
): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!isUserEntityRef(override.userRef)) {
    problems.push({
      field: 'userRef',
      message: `"${override.userRef}" is not a user entity ref such as user:default/alice`,
    });
  }
  const start = Date.parse(override.start);
  const end = Date.parse(override.end);
  if (Number.isNaN(start)) {
    problems.push({ field: 'start', message: 'must be an ISO 8601 instant' });
  }
  if (Number.isNaN(end)) {
    problems.push({ field: 'end', message: 'must be an ISO 8601 instant' });
  } else if (!Number.isNaN(start) && end <= start) {
    problems.push({ field: 'end', message: 'must be after start' });
  }
  return problems;
}

/** The most levels a policy may have. @public */
export const MAX_ESCALATION_LEVELS = 10;
/** The most times a policy may repeat. @public */
export const MAX_ESCALATION_REPEAT = 9;

/**
 * What is wrong with an escalation policy's levels and repeat count; empty when usable.
 * Whether schedule targets exist is for the caller to check.
 *
 * @public
 */
export function findEscalationPolicyProblems(policy: {
  levels: EscalationLevel[];
  repeat?: number;
}): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (
    policy.levels.length === 0 ||
    policy.levels.length > MAX_ESCALATION_LEVELS
  ) {
    problems.push({
      field: 'levels',
      message: `must hold 1 to ${MAX_ESCALATION_LEVELS} levels`,
    });
  }
  policy.levels.forEach((level, i) => {
    const field = `levels[${i}]`;
    if (level.targets.length === 0) {
      problems.push({
        field: `${field}.targets`,
        message: 'must name at least one schedule or user',
      });
    }
    level.targets.forEach((target, t) => {
      if (target.type !== 'schedule' && target.type !== 'user') {
        problems.push({
          field: `${field}.targets[${t}].type`,
          message: 'must be schedule or user',
        });
      } else if (target.type === 'user' && !isUserEntityRef(target.ref)) {
        problems.push({
          field: `${field}.targets[${t}].ref`,
          message: `"${target.ref}" is not a user entity ref such as user:default/alice`,
        });
      } else if (target.type === 'schedule' && !target.ref?.trim()) {
        problems.push({
          field: `${field}.targets[${t}].ref`,
          message: 'must name a schedule id',
        });
      }
    });
    const timeout = level.ackTimeoutMinutes;
    if (!Number.isInteger(timeout) || timeout < 1 || timeout > 24 * 60) {
      problems.push({
        field: `${field}.ackTimeoutMinutes`,
        message: 'must be a whole number of minutes from 1 to 1440',
      });
    }
  });
  const repeat = policy.repeat ?? 0;
  if (
    !Number.isInteger(repeat) ||
    repeat < 0 ||
    repeat > MAX_ESCALATION_REPEAT
  ) {
    problems.push({
      field: 'repeat',
      message: `must be a whole number from 0 to ${MAX_ESCALATION_REPEAT}`,
    });
  }
  return problems;
}
