import { Entity, RELATION_OWNED_BY } from '@backstage/catalog-model';
import {
  EscalationLevel,
  EscalationPolicy,
  FIREBREAK_ESCALATION_POLICY_ANNOTATION,
  findOnCall,
  OnCallLevel,
  OnCallUser,
  Schedule,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { OnCallStore } from './OnCallStore';
import { lowerRef } from '../refs';
import { LAST_INSTANT } from '../schema/instant';

/** How far ahead "who is next" looks, and which overrides are read with a schedule. */
const LOOK_AHEAD_DAYS = 35;
const DAY = 86_400_000;

/**
 * The look-ahead from an instant, in days: never past the last instant the API holds, so that
 * "until" and "next" answers near the end of year 9999 stay instants the spec and the databases
 * can hold.
 */
function lookAheadDaysFrom(at: Date): number {
  return Math.min(
    LOOK_AHEAD_DAYS,
    (LAST_INSTANT.getTime() - at.getTime()) / DAY,
  );
}

/**
 * The policy that pages for an entity, and how it was found.
 *
 * @internal
 */
export interface EntityPolicy {
  policy: EscalationPolicy;
  source: 'annotation' | 'owner';
}

/**
 * Answers "who is on call": which policy pages for an entity (its annotation, else its owner's
 * default policy) and who each level of a policy reaches at an instant.
 *
 * @internal
 */
export class OnCallResolver {
  constructor(private readonly store: OnCallStore) {}

  /** The policies of several entities at once, by entity ref (lower-cased). */
  async policiesFor(entities: Entity[]): Promise<Map<string, EntityPolicy>> {
    const byAnnotation = new Map<string, string>();
    const byOwner = new Map<string, string>();
    for (const entity of entities) {
      const ref = lowerRef(
        `${entity.kind}:${entity.metadata.namespace ?? 'default'}/${
          entity.metadata.name
        }`,
      );
      const annotation =
        entity.metadata.annotations?.[FIREBREAK_ESCALATION_POLICY_ANNOTATION];
      if (annotation?.trim()) {
        byAnnotation.set(ref, annotation.trim());
        continue;
      }
      const owner = entity.relations?.find(
        r => r.type === RELATION_OWNED_BY,
      )?.targetRef;
      // A group is its own owner for paging: its default policy pages for it.
      const ownerRef = lowerRef(entity.kind) === 'group' ? ref : owner;
      if (ownerRef) {
        byOwner.set(ref, lowerRef(ownerRef));
      }
    }

    const [annotated, defaults] = await Promise.all([
      this.store.getPolicies([...new Set(byAnnotation.values())]),
      this.store.getDefaultPolicies([...new Set(byOwner.values())]),
    ]);
    const result = new Map<string, EntityPolicy>();
    for (const [ref, value] of byAnnotation) {
      const policy = annotated.find(
        p => p.id === lowerRef(value) || lowerRef(p.name) === lowerRef(value),
      );
      if (policy) {
        result.set(ref, { policy, source: 'annotation' });
      }
    }
    for (const [ref, ownerRef] of byOwner) {
      const policy = defaults.get(ownerRef);
      if (policy) {
        result.set(ref, { policy, source: 'owner' });
      }
    }
    return result;
  }

  /** The schedules a set of levels targets, with overrides for the look-ahead. */
  async schedulesOf(
    levels: EscalationLevel[],
    at: Date,
    db?: Knex,
  ): Promise<Map<string, Schedule>> {
    const ids = levels.flatMap(level =>
      level.targets.filter(t => t.type === 'schedule').map(t => t.ref),
    );
    return this.store.getSchedules(
      ids,
      at,
      new Date(at.getTime() + lookAheadDaysFrom(at) * DAY),
      db,
    );
  }

  /**
   * Who each level reaches at an instant, and who takes over next. Schedules not found (deleted
   * since the policy named them) reach nobody.
   */
  levelsAt(
    levels: EscalationLevel[],
    schedules: Map<string, Schedule>,
    at: Date,
    /** Answers already worked out for schedules at `at`, shared between policies. */
    memo: Map<string, ReturnType<typeof findOnCall>> = new Map(),
  ): OnCallLevel[] {
    const onCall = (schedule: Schedule) => {
      let found = memo.get(schedule.id);
      if (!found) {
        found = findOnCall(schedule, at, {
          lookAheadDays: lookAheadDaysFrom(at),
        });
        memo.set(schedule.id, found);
      }
      return found;
    };

    return levels.map((level, index) => {
      const users = new Map<string, OnCallUser>();
      const next: OnCallLevel['next'] = [];
      for (const target of level.targets) {
        if (target.type === 'user') {
          users.set(lowerRef(target.ref), { userRef: lowerRef(target.ref) });
          continue;
        }
        const schedule = schedules.get(lowerRef(target.ref));
        if (!schedule) {
          continue;
        }
        const { current, next: following } = onCall(schedule);
        if (current && !users.has(current.userRef)) {
          users.set(current.userRef, {
            userRef: current.userRef,
            until: current.end,
            scheduleId: schedule.id,
          });
        }
        if (following) {
          next.push({ ...following, scheduleId: schedule.id });
        }
      }
      return { level: index + 1, users: [...users.values()], next };
    });
  }

  /** Who each level of a policy reaches at an instant, reading its schedules. */
  async resolveLevels(
    levels: EscalationLevel[],
    at: Date,
    db?: Knex,
  ): Promise<OnCallLevel[]> {
    return this.levelsAt(levels, await this.schedulesOf(levels, at, db), at);
  }
}
