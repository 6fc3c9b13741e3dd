import {
  EscalationLevel,
  EscalationTarget,
  Schedule,
  Shift,
  findOnCall,
} from '@firebreak/backstage-plugin-common';

/**
 * Who a target of an escalation level reaches at an instant.
 *
 * @internal
 */
export interface TargetOnCall {
  target: EscalationTarget;
  /** The schedule a schedule target names; absent when it does not exist (any more). */
  schedule?: Schedule;
  /** Whoever is on call in that schedule now; absent for user targets and empty schedules. */
  current?: Shift;
}

/**
 * Who each target of a level reaches at `now`, with `findOnCall` on the schedules it names.
 *
 * @internal
 */
export function levelOnCall(
  level: EscalationLevel,
  schedules: ReadonlyMap<string, Schedule>,
  now: Date,
): TargetOnCall[] {
  return level.targets.map(target => {
    if (target.type !== 'schedule') {
      return { target };
    }
    const schedule = schedules.get(target.ref.toLocaleLowerCase('en-US'));
    return {
      target,
      schedule,
      current: schedule ? findOnCall(schedule, now).current : undefined,
    };
  });
}

/**
 * Whether a level reaches nobody now: every schedule it names is empty and it names no user.
 * Such a level is skipped at once when paging.
 *
 * @internal
 */
export function reachesNobody(targets: TargetOnCall[]): boolean {
  return targets.every(t => t.target.type === 'schedule' && !t.current);
}

/**
 * Schedules by lower-cased id.
 *
 * @internal
 */
export function schedulesById(schedules: Schedule[]): Map<string, Schedule> {
  return new Map(schedules.map(s => [s.id.toLocaleLowerCase('en-US'), s]));
}
