import {
  ScheduleLayer,
  ScheduleOverride,
  Shift,
  computeLayerShifts,
  computeScheduleShifts,
  findScheduleProblems,
} from '@firebreak/backstage-plugin-common';
import { describeRotation } from '../../oncall/describeLayer';
import { TimelineRow } from './ScheduleTimeline';

/**
 * A layer's label on a timeline: "Layer 2: Office hours".
 *
 * @internal
 */
export function layerLabel(layer: ScheduleLayer, index: number): string {
  const position = `Layer ${index + 1}`;
  const name = layer.name?.trim();
  return name && name !== position ? `${position}: ${name}` : position;
}

/**
 * Whether a layer can be drawn: it has people and nothing wrong.
 *
 * @internal
 */
export function isDrawable(timeZone: string, layer: ScheduleLayer): boolean {
  return findScheduleProblems({ timeZone, layers: [layer] }).length === 0;
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
    if (layer.participants.length === 0) {
      return { ...row, shifts: [], message: 'Add people to this layer' };
    }
    if (!isDrawable(schedule.timeZone, layer)) {
      return {
        ...row,
        shifts: [],
        message: 'Fix this layer’s problems to see it',
      };
    }
    return {
      ...row,
      shifts: computeLayerShifts(schedule.timeZone, layer, from, to),
    };
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
 * The final shifts of a schedule being edited; undefined when the zone or a layer has
 * problems, as then it would not be what pages.
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
  if (findScheduleProblems(schedule).length > 0) {
    return undefined;
  }
  return computeScheduleShifts(schedule, from, to);
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
