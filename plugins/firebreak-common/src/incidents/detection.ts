/**
 * When an incident's impact started, was noticed and was declared: ISO 8601 instants, in the
 * order they must keep.
 *
 * @public
 */
export interface IncidentDetectionTimes {
  startedAt: string;
  /** Absent when nobody recorded when the impact was noticed. */
  detectedAt?: string;
  declaredAt: string;
}

/**
 * What is wrong with when an incident was detected, as a message naming the field at fault, or
 * undefined when nothing is: the impact starts at or before it is detected, it is detected at or
 * before it is declared, and it is not detected in the future. Shared by the backend, which
 * refuses such a change, and the forms that offer it.
 *
 * `changed` says which time the user is setting: when a new impact start lands after a recorded
 * detection, the start is at fault, not the detection.
 *
 * @public
 */
export function describeDetectionProblem(
  times: IncidentDetectionTimes,
  options: { now: Date; changed?: 'startedAt' | 'detectedAt' },
): string | undefined {
  if (times.detectedAt === undefined) {
    return undefined;
  }
  const detected = Date.parse(times.detectedAt);
  if (detected > options.now.getTime()) {
    return 'detectedAt: cannot be in the future';
  }
  if (detected < Date.parse(times.startedAt)) {
    return options.changed === 'startedAt'
      ? `startedAt: must be at or before detectedAt (${times.detectedAt}), when the impact was first noticed`
      : `detectedAt: must be at or after startedAt (${times.startedAt}), when the impact started`;
  }
  if (detected > Date.parse(times.declaredAt)) {
    return `detectedAt: must be at or before declaredAt (${times.declaredAt}), when the incident was declared`;
  }
  return undefined;
}
