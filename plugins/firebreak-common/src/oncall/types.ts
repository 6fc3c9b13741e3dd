/**
 * How long each shift of a layer lasts: a day, a week or a fixed number of hours, always
 * counted in the wall-clock time of the schedule's zone.
 *
 * @public
 */
export type RotationType = 'daily' | 'weekly' | 'hours';

/**
 * A layer's rotation: shifts of one length, handed off at the anchor and every shift after.
 *
 * @public
 */
export interface LayerRotation {
  type: RotationType;
  /** Shift length for `hours` rotations. */
  hours?: number;
  /**
   * A handoff, `YYYY-MM-DDTHH:mm` in the schedule's zone. The first participant's shift starts
   * here; shifts before and after it follow the same rotation.
   */
  handoff: string;
}

/**
 * A window of the day in which a layer is on call, such as weekdays 09:00–17:00. An end at or
 * before the start runs into the next day (17:00–09:00 is a night); equal times are a whole day.
 *
 * @public
 */
export interface LayerRestriction {
  /** ISO weekdays the window starts on, 1 = Monday … 7 = Sunday; every day when absent. */
  daysOfWeek?: number[];
  /** `HH:mm` in the schedule's zone. */
  start: string;
  /** `HH:mm` in the schedule's zone. */
  end: string;
}

/**
 * One layer of a schedule: people taking turns.
 *
 * @public
 */
export interface ScheduleLayer {
  name: string;
  /** User entity refs, in rotation order. */
  participants: string[];
  rotation: LayerRotation;
  /** When present, the layer is on call only inside these windows. */
  restrictions?: LayerRestriction[];
}

/**
 * Someone covering a schedule from `start` to `end` (ISO 8601 instants), above every layer.
 *
 * @public
 */
export interface ScheduleOverride {
  userRef: string;
  start: string;
  end: string;
}

/**
 * What the schedule math needs of a schedule. Layers later in the list win over earlier ones;
 * overrides win over layers, and a later override over an earlier one.
 *
 * @public
 */
export interface ScheduleDefinition {
  /** IANA time zone, such as `Europe/Berlin`. */
  timeZone: string;
  layers: ScheduleLayer[];
  overrides?: ScheduleOverride[];
}

/**
 * A stretch of time one person is on call, as ISO 8601 instants (start inclusive, end exclusive).
 *
 * @public
 */
export interface Shift {
  userRef: string;
  start: string;
  end: string;
}
