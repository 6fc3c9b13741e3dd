import { DateTime, Zone } from 'luxon';
import {
  LayerRestriction,
  ScheduleDefinition,
  ScheduleLayer,
  Shift,
} from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const HANDOFF_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;
const TIME_OF_DAY_PATTERN = /^(\d{2}):(\d{2})$/;

/** A shift as milliseconds since the epoch, start inclusive and end exclusive. */
interface Span {
  userRef: string;
  start: number;
  end: number;
}

/*
 * Wall-clock arithmetic works on "local milliseconds": the schedule zone's date and time read
 * as if they were UTC. In that space every day has 24 hours, so adding days, weeks or hours is
 * plain addition; only the conversion back to an instant knows about offsets and DST.
 */

/**
 * Parses a `YYYY-MM-DDTHH:mm` wall-clock time to local milliseconds, or undefined when it is
 * not one.
 *
 * @internal
 */
export function parseWallClock(value: string): number | undefined {
  const match = HANDOFF_PATTERN.exec(value);
  if (!match) {
    return undefined;
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number);
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(local);
  if (
    check.getUTCFullYear() !== year ||
    check.getUTCMonth() !== month - 1 ||
    check.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59
  ) {
    return undefined;
  }
  return local;
}

/**
 * Parses an `HH:mm` time of day to minutes after midnight, or undefined when it is not one.
 *
 * @internal
 */
export function parseTimeOfDay(value: string): number | undefined {
  const match = TIME_OF_DAY_PATTERN.exec(value);
  if (!match) {
    return undefined;
  }
  const [hour, minute] = [Number(match[1]), Number(match[2])];
  return hour <= 23 && minute <= 59 ? hour * 60 + minute : undefined;
}

/** How many days of offsets a zone keeps cached, at most: about 27 years. */
const MAX_CACHED_DAYS = 10_000;

/** A zone as luxon reads its name, with its offsets at UTC midnights as they are asked for. */
interface CachedZone {
  zone: Zone;
  midnightOffsets: Map<number, number>;
}

const zones = new Map<string, CachedZone>();

function cachedZone(timeZone: string): CachedZone {
  let cached = zones.get(timeZone);
  if (!cached) {
    // The zone luxon would use for this name (IANA, or UTC and fixed offsets it knows).
    cached = {
      zone: DateTime.fromMillis(0, { zone: timeZone }).zone,
      midnightOffsets: new Map(),
    };
    zones.set(timeZone, cached);
  }
  return cached;
}

function midnightOffset(cached: CachedZone, day: number): number {
  let offset = cached.midnightOffsets.get(day);
  if (offset === undefined) {
    if (cached.midnightOffsets.size >= MAX_CACHED_DAYS) {
      cached.midnightOffsets.clear();
    }
    offset = cached.zone.offset(day * DAY);
    cached.midnightOffsets.set(day, offset);
  }
  return offset;
}

/**
 * The zone's UTC offset in minutes at an instant. Asking the zone (Intl, through luxon) is
 * slow, and offsets change a couple of times a year at most: when the offsets at the UTC
 * midnights around the instant agree, no change happened that day and the cached offset is
 * the answer; only on the day of a change is the zone asked about the instant itself.
 */
function offsetAt(cached: CachedZone, instant: number): number {
  const day = Math.floor(instant / DAY);
  const offset = midnightOffset(cached, day);
  return offset === midnightOffset(cached, day + 1)
    ? offset
    : cached.zone.offset(instant);
}

/**
 * The instant a wall-clock time happens in a zone. A time skipped by a DST change moves
 * forward by the length of the gap; a time that happens twice resolves to the first of the
 * two.
 */
function instantOf(local: number, timeZone: string): number {
  const cached = cachedZone(timeZone);
  // The offsets a day either side: a change between them is the only one near this time.
  const before = offsetAt(cached, local - DAY);
  const after = offsetAt(cached, local + DAY);
  const withBefore = local - before * MINUTE;
  if (before === after) {
    return withBefore;
  }
  const withAfter = local - after * MINUTE;
  const beforeHolds = offsetAt(cached, withBefore) === before;
  const afterHolds = offsetAt(cached, withAfter) === after;
  if (beforeHolds && afterHolds) {
    return Math.min(withBefore, withAfter);
  }
  if (afterHolds && !beforeHolds) {
    return withAfter;
  }
  // Either the time holds with the earlier offset only, or it falls in the gap: read with
  // the offset before the change, a skipped time lands the gap's length after it.
  return withBefore;
}

/** The wall-clock time, in local milliseconds, of an instant in a zone. */
function localOf(instant: number, timeZone: string): number {
  return instant + offsetAt(cachedZone(timeZone), instant) * MINUTE;
}

function rotationLength(layer: ScheduleLayer): number {
  switch (layer.rotation.type) {
    case 'daily':
      return DAY;
    case 'weekly':
      return 7 * DAY;
    case 'hours':
      return (layer.rotation.hours ?? 0) * HOUR;
    default:
      throw new Error(`Unknown rotation type ${layer.rotation.type}`);
  }
}

function requireWallClock(value: string): number {
  const local = parseWallClock(value);
  if (local === undefined) {
    throw new Error(`Handoff ${value} is not a YYYY-MM-DDTHH:mm time`);
  }
  return local;
}

/** The rotation's shifts overlapping [from, to), clipped to it, before restrictions. */
function rotationSpans(
  timeZone: string,
  layer: ScheduleLayer,
  from: number,
  to: number,
): Span[] {
  const { participants } = layer;
  const length = rotationLength(layer);
  if (participants.length === 0 || !(length > 0) || from >= to) {
    return [];
  }
  const anchor = requireWallClock(layer.rotation.handoff);
  const boundary = (k: number) => instantOf(anchor + k * length, timeZone);

  // Offsets are bounded, so the estimate is off by at most one shift either way.
  let k = Math.floor((localOf(from, timeZone) - anchor) / length);
  while (boundary(k) > from) {
    k -= 1;
  }
  while (boundary(k + 1) <= from) {
    k += 1;
  }

  const spans: Span[] = [];
  for (let start = boundary(k); start < to; k += 1) {
    const end = boundary(k + 1);
    const index =
      ((k % participants.length) + participants.length) % participants.length;
    if (end > start) {
      spans.push({
        userRef: participants[index],
        start: Math.max(start, from),
        end: Math.min(end, to),
      });
    }
    start = end;
  }
  return spans;
}

/** The windows, sorted and merged, in which restrictions let a layer be on call. */
function restrictionWindows(
  timeZone: string,
  restrictions: LayerRestriction[],
  from: number,
  to: number,
): Array<{ start: number; end: number }> {
  const parsed = restrictions.map(restriction => {
    const startMinutes = parseTimeOfDay(restriction.start);
    const endMinutes = parseTimeOfDay(restriction.end);
    if (startMinutes === undefined || endMinutes === undefined) {
      throw new Error(
        `Restriction ${restriction.start}–${restriction.end} is not HH:mm`,
      );
    }
    return { daysOfWeek: restriction.daysOfWeek, startMinutes, endMinutes };
  });
  const windows: Array<{ start: number; end: number }> = [];
  // A window may start the day before `from` and run past midnight into it.
  const firstDay = Math.floor(localOf(from, timeZone) / DAY) - 1;
  const lastDay = Math.floor(localOf(to, timeZone) / DAY);
  for (let day = firstDay; day <= lastDay; day += 1) {
    const midnight = day * DAY;
    const isoWeekday = ((new Date(midnight).getUTCDay() + 6) % 7) + 1;
    for (const { daysOfWeek, startMinutes, endMinutes } of parsed) {
      if (daysOfWeek && !daysOfWeek.includes(isoWeekday)) {
        continue;
      }
      const localStart = midnight + startMinutes * MINUTE;
      const localEnd =
        midnight + endMinutes * MINUTE + (endMinutes <= startMinutes ? DAY : 0);
      const start = Math.max(instantOf(localStart, timeZone), from);
      const end = Math.min(instantOf(localEnd, timeZone), to);
      if (end > start) {
        windows.push({ start, end });
      }
    }
  }
  windows.sort((a, b) => a.start - b.start);
  const merged: Array<{ start: number; end: number }> = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) {
      last.end = Math.max(last.end, window.end);
    } else {
      merged.push({ ...window });
    }
  }
  return merged;
}

function layerSpans(
  timeZone: string,
  layer: ScheduleLayer,
  from: number,
  to: number,
): Span[] {
  const spans = rotationSpans(timeZone, layer, from, to);
  if (!layer.restrictions || layer.restrictions.length === 0) {
    return spans;
  }
  const windows = restrictionWindows(timeZone, layer.restrictions, from, to);
  const restricted: Span[] = [];
  let w = 0;
  for (const span of spans) {
    while (w < windows.length && windows[w].end <= span.start) {
      w += 1;
    }
    for (let i = w; i < windows.length && windows[i].start < span.end; i += 1) {
      const start = Math.max(span.start, windows[i].start);
      const end = Math.min(span.end, windows[i].end);
      if (end > start) {
        restricted.push({ userRef: span.userRef, start, end });
      }
    }
  }
  return restricted;
}

/**
 * For each elementary stretch of [from, to), the span of the highest-ranked list covering it;
 * lists are ranked by position (last wins) and each is sorted and free of overlaps.
 */
function resolveRanked(ranked: Span[][], from: number, to: number): Span[] {
  const points = new Set<number>([from, to]);
  for (const spans of ranked) {
    for (const span of spans) {
      points.add(Math.max(from, Math.min(span.start, to)));
      points.add(Math.max(from, Math.min(span.end, to)));
    }
  }
  const sorted = [...points].sort((a, b) => a - b);
  const cursors = ranked.map(() => 0);
  const result: Span[] = [];
  for (let p = 0; p + 1 < sorted.length; p += 1) {
    const [start, end] = [sorted[p], sorted[p + 1]];
    let userRef: string | undefined;
    for (let rank = ranked.length - 1; rank >= 0 && !userRef; rank -= 1) {
      const spans = ranked[rank];
      while (
        cursors[rank] < spans.length &&
        spans[cursors[rank]].end <= start
      ) {
        cursors[rank] += 1;
      }
      const candidate = spans[cursors[rank]];
      if (candidate && candidate.start <= start) {
        userRef = candidate.userRef;
      }
    }
    if (!userRef) {
      continue;
    }
    const last = result[result.length - 1];
    if (last && last.userRef === userRef && last.end === start) {
      last.end = end;
    } else {
      result.push({ userRef, start, end });
    }
  }
  return result;
}

function toShift(span: Span): Shift {
  return {
    userRef: span.userRef,
    start: new Date(span.start).toISOString(),
    end: new Date(span.end).toISOString(),
  };
}

function range(from: Date, to: Date): [number, number] {
  const [start, end] = [from.getTime(), to.getTime()];
  if (Number.isNaN(start) || Number.isNaN(end)) {
    throw new Error('The range needs two valid dates');
  }
  return [start, end];
}

/**
 * The shifts of one layer between two instants, restrictions applied and clipped to the range:
 * what the layer alone would have on call.
 *
 * @public
 */
export function computeLayerShifts(
  timeZone: string,
  layer: ScheduleLayer,
  from: Date,
  to: Date,
): Shift[] {
  const [start, end] = range(from, to);
  return layerSpans(timeZone, layer, start, end).map(toShift);
}

/** A schedule's final spans over [start, end): layers ranked, overrides on top, merged. */
function scheduleSpans(
  schedule: ScheduleDefinition,
  start: number,
  end: number,
): Span[] {
  if (start >= end) {
    return [];
  }
  const ranked: Span[][] = schedule.layers.map(layer =>
    layerSpans(schedule.timeZone, layer, start, end),
  );
  for (const override of schedule.overrides ?? []) {
    const overrideStart = Date.parse(override.start);
    const overrideEnd = Date.parse(override.end);
    if (overrideEnd > start && overrideStart < end) {
      ranked.push([
        {
          userRef: override.userRef,
          start: Math.max(overrideStart, start),
          end: Math.min(overrideEnd, end),
        },
      ]);
    }
  }
  return resolveRanked(ranked, start, end);
}

/**
 * Who is on call for a schedule between two instants: layers ranked (later wins), overrides on
 * top (later wins), consecutive shifts of one person merged, in order and clipped to the range.
 * Stretches nobody covers are simply absent.
 *
 * @public
 */
export function computeScheduleShifts(
  schedule: ScheduleDefinition,
  from: Date,
  to: Date,
): Shift[] {
  const [start, end] = range(from, to);
  return scheduleSpans(schedule, start, end).map(toShift);
}

/**
 * Who is on call at an instant and who comes next, looking ahead a bounded time (default 90
 * days): `current.end` is when the current person hands over, unless a shift outlasts the
 * look-ahead, where it is cut.
 *
 * @public
 */
export function findOnCall(
  schedule: ScheduleDefinition,
  at: Date,
  options?: { lookAheadDays?: number },
): { current?: Shift; next?: Shift } {
  const [instant] = range(at, at);
  const limit = instant + (options?.lookAheadDays ?? 90) * DAY;
  // Look a little ahead first and further only when that does not find both answers.
  for (let days = 4; ; days *= 4) {
    const to = Math.min(instant + days * DAY, limit);
    const spans = scheduleSpans(schedule, instant, to);
    const first = spans[0];
    const current = first && first.start <= instant ? first : undefined;
    const next = current ? spans[1] : first;
    // A shift ending at the edge of what was computed may go on beyond it.
    const settled = next && next.end < to && (!current || current.end < to);
    if (settled || to >= limit) {
      return {
        current: current && toShift(current),
        next: next && toShift(next),
      };
    }
  }
}
