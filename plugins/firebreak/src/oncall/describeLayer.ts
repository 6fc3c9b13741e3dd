import {
  LayerRestriction,
  ScheduleLayer,
} from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/**
 * ISO weekdays in words: "Mon–Fri", "Sat, Sun", or "every day".
 *
 * @internal
 */
export function describeDays(days?: number[]): string {
  if (!days || days.length === 0 || days.length === 7) {
    return 'every day';
  }
  const sorted = [...new Set(days)].sort((a, b) => a - b);
  const consecutive = sorted.every(
    (day, i) => i === 0 || day === sorted[i - 1] + 1,
  );
  if (consecutive && sorted.length >= 3) {
    return `${WEEKDAYS[sorted[0] - 1]}–${
      WEEKDAYS[sorted[sorted.length - 1] - 1]
    }`;
  }
  return sorted.map(day => WEEKDAYS[day - 1] ?? `day ${day}`).join(', ');
}

function describeRestriction(restriction: LayerRestriction): string {
  return `${describeDays(restriction.daysOfWeek)} ${restriction.start}–${
    restriction.end
  }`;
}

/**
 * A layer's rotation in a few words, in the schedule's wall-clock time: "Weekly, Mon 09:00",
 * "Every 12 hours from 08:00 · Mon–Fri 09:00–17:00".
 *
 * @internal
 */
export function describeRotation(layer: ScheduleLayer): string {
  const handoff = DateTime.fromISO(layer.rotation.handoff, { zone: 'UTC' });
  const time = handoff.isValid ? handoff.toFormat('HH:mm') : '?';
  let rotation: string;
  switch (layer.rotation.type) {
    case 'daily':
      rotation = `Daily at ${time}`;
      break;
    case 'weekly':
      rotation = `Weekly, ${
        handoff.isValid ? WEEKDAYS[handoff.weekday - 1] : '?'
      } ${time}`;
      break;
    default:
      rotation = `Every ${layer.rotation.hours ?? '?'} hours from ${time}`;
  }
  const restrictions = (layer.restrictions ?? []).map(describeRestriction);
  return [rotation, ...restrictions].join(' · ');
}
