import {
  ScheduleLayer,
  ScheduleOverride,
  Shift,
  computeLayerShifts,
  computeScheduleShifts,
} from '@firebreak/backstage-plugin-common';
import { describeRotation } from '../../oncall/describeLayer';
import { TimelineRow } from './ScheduleTimeline';

/**
 * A layer's label on a timeline: "Layer 2: Office hours".
 *
 * @internal
 */
export function layerLabel(layer: ScheduleLayer, index: number): string {
  return `Layer ${index + 1}${
    layer.name?.trim() ? `: ${layer.name.trim()}` : ''
  }`;
}

/**
 * One row per layer with what that layer alone would have on call; a layer that cannot be
 * computed (it has problems) says so instead.
 *
 * @internal
 */
export function layerRows(
  schedule: { timeZone: string; layers: ScheduleLayer[] },
  from: Date,
  to: Date,
): TimelineRow[] {
  return schedule.layers.map((layer, index) => {
    const row = {
      label: layerLabel(layer, index),
      caption: describeRotation(layer),
    };
    try {
      return {
        ...row,
        shifts: computeLayerShifts(schedule.timeZone, layer, from, to),
      };
    } catch {
      return {
        ...row,
        shifts: [],
        message: 'Fix this layer’s problems to see it',
      };
    }
  });
}

/**
 * The overrides inside a range as a row, or nothing when there are none.
 *
 * @internal
 */
export function overrideRows(
  overrides: ScheduleOverride[],
  from: Date,
  to: Date,
): TimelineRow[] {
  const inRange = overrides
    .filter(
      o =>
        Date.parse(o.end) > from.getTime() &&
        Date.parse(o.start) < to.getTime(),
    )
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start))
    .map(o => ({ userRef: o.userRef, start: o.start, end: o.end }));
  return inRange.length > 0
    ? [{ label: 'Overrides', caption: 'Win over every layer', shifts: inRange }]
    : [];
}

/**
 * The final schedule as a row: who really is paged.
 *
 * @internal
 */
export function finalRow(shifts: Shift[], message?: string): TimelineRow {
  return {
    label: 'Final',
    caption: 'Who is paged',
    shifts,
    emphasis: true,
    message,
  };
}

/**
 * The final shifts of a schedule being edited, from the layers that can be computed; undefined
 * when the zone or a layer has problems.
 *
 * @internal
 */
export function previewFinalShifts(
  schedule: {
    timeZone: string;
    layers: ScheduleLayer[];
    overrides?: ScheduleOverride[];
  },
  from: Date,
  to: Date,
): Shift[] | undefined {
  try {
    return computeScheduleShifts(schedule, from, to);
  } catch {
    return undefined;
  }
}

/**
 * Everyone in a schedule in the order they first appear: layer by layer, then overrides. Gives
 * each person the same colour wherever they show.
 *
 * @internal
 */
export function peopleOf(schedule: {
  layers: ScheduleLayer[];
  overrides?: ScheduleOverride[];
}): string[] {
  return [
    ...new Set([
      ...schedule.layers.flatMap(layer => layer.participants),
      ...(schedule.overrides ?? []).map(o => o.userRef),
    ]),
  ];
}
