import Database from 'better-sqlite3';
import { Pool } from 'pg';
import {
  EscalationLevel,
  findOnCall,
  OnCallLevel,
  OnCallResponse,
  OnCallUser,
  ScheduleDefinition,
} from '@firebreak/backstage-plugin-common';
import { BenchConnection } from '../common/database';

/** What Firebreak's resolver looks ahead for "who is next", and reads overrides for. */
export const LOOK_AHEAD_DAYS = 35;
const DAY = 86_400_000;

/** @internal */
export interface PolicyRow {
  id: string;
  name: string;
  owner_ref: string;
  levels: string;
}

/** @internal */
export interface ScheduleRow {
  id: string;
  time_zone: string;
  layers: string;
}

/** @internal */
export interface OverrideRow {
  schedule_id: string;
  user_ref: string;
  start_at: Date | number;
  end_at: Date | number;
}

/**
 * The reads Firebreak's store makes to answer who is on call for a set of entities, issued
 * with the plain driver (no knex, no Backstage): the owners' default policies, the schedules
 * their levels name, and those schedules' overrides overlapping the look-ahead. The same SQL
 * knex builds for the store's `whereIn` queries.
 *
 * @internal
 */
export interface OnCallReads {
  defaultPolicies(ownerRefs: string[]): Promise<PolicyRow[]>;
  schedules(ids: string[]): Promise<ScheduleRow[]>;
  overrides(ids: string[], from: Date, to: Date): Promise<OverrideRow[]>;
  close(): Promise<void>;
}

const list = (count: number, placeholder: (n: number) => string, first = 1) =>
  Array.from({ length: count }, (_, i) => placeholder(first + i)).join(', ');

function openPg(connectionString: string, poolSize: number): OnCallReads {
  const pool = new Pool({ connectionString, max: poolSize });
  const $ = (n: number) => `$${n}`;
  return {
    async defaultPolicies(ownerRefs) {
      const { rows } = await pool.query(
        `select * from "firebreak_escalation_policies" where "owner_ref" in (${list(
          ownerRefs.length,
          $,
        )}) and "is_default" = $${ownerRefs.length + 1}`,
        [...ownerRefs, true],
      );
      return rows;
    },
    async schedules(ids) {
      const { rows } = await pool.query(
        `select * from "firebreak_schedules" where "id" in (${list(
          ids.length,
          $,
        )})`,
        ids,
      );
      return rows;
    },
    async overrides(ids, from, to) {
      const n = ids.length;
      const { rows } = await pool.query(
        `select * from "firebreak_schedule_overrides" where "schedule_id" in (${list(
          n,
          $,
        )}) and "end_at" > $${n + 1} and "start_at" < $${
          n + 2
        } order by "created_at" asc, "id" asc`,
        [...ids, from, to],
      );
      return rows;
    },
    close: () => pool.end(),
  };
}

function openSqlite(filename: string): OnCallReads {
  const db = new Database(filename, { readonly: true });
  const q = () => '?';
  // Statements by list length: a board asks with the same number of refs every time.
  const prepared = new Map<string, Database.Statement>();
  const statement = (key: string, sql: () => string) => {
    let found = prepared.get(key);
    if (!found) {
      found = db.prepare(sql());
      prepared.set(key, found);
    }
    return found;
  };
  return {
    async defaultPolicies(ownerRefs) {
      return statement(
        `policies:${ownerRefs.length}`,
        () =>
          `select * from \`firebreak_escalation_policies\` where \`owner_ref\` in (${list(
            ownerRefs.length,
            q,
          )}) and \`is_default\` = ?`,
      ).all(...ownerRefs, 1) as PolicyRow[];
    },
    async schedules(ids) {
      return statement(
        `schedules:${ids.length}`,
        () =>
          `select * from \`firebreak_schedules\` where \`id\` in (${list(
            ids.length,
            q,
          )})`,
      ).all(...ids) as ScheduleRow[];
    },
    async overrides(ids, from, to) {
      // Stored as milliseconds, as knex's better-sqlite3 dialect binds a Date.
      return statement(
        `overrides:${ids.length}`,
        () =>
          `select * from \`firebreak_schedule_overrides\` where \`schedule_id\` in (${list(
            ids.length,
            q,
          )}) and \`end_at\` > ? and \`start_at\` < ? order by \`created_at\` asc, \`id\` asc`,
      ).all(...ids, from.getTime(), to.getTime()) as OverrideRow[];
    },
    async close() {
      db.close();
    },
  };
}

/**
 * Opens the on-call reads on the bench database; `poolSize` connections on PostgreSQL.
 *
 * @internal
 */
export function openOnCallReads(
  connection: BenchConnection,
  poolSize: number,
): OnCallReads {
  return connection.dialect === 'pg'
    ? openPg(connection.connectionString, poolSize)
    : openSqlite(connection.filename);
}

/**
 * What the reads found: each owner's default policy and each schedule it names, ready for
 * the schedule math.
 *
 * @internal
 */
export interface OnCallData {
  policies: Map<string, PolicyRow & { parsedLevels: EscalationLevel[] }>;
  schedules: Map<string, ScheduleDefinition & { id: string }>;
}

/**
 * Reads what answering for entities owned by `ownerRefs` at `at` takes, in the order the
 * store reads it: policies, then schedules, then their overrides.
 *
 * @internal
 */
export async function readOnCallData(
  reads: OnCallReads,
  ownerRefs: string[],
  at: Date,
): Promise<OnCallData> {
  const policies = new Map(
    (await reads.defaultPolicies(ownerRefs)).map(row => [
      row.owner_ref,
      { ...row, parsedLevels: JSON.parse(row.levels) as EscalationLevel[] },
    ]),
  );
  const scheduleIds = [
    ...new Set(
      [...policies.values()].flatMap(policy =>
        policy.parsedLevels.flatMap(level =>
          level.targets.filter(t => t.type === 'schedule').map(t => t.ref),
        ),
      ),
    ),
  ];
  const schedules = new Map<string, ScheduleDefinition & { id: string }>();
  if (scheduleIds.length > 0) {
    const rows = await reads.schedules(scheduleIds);
    const overrides = await reads.overrides(
      rows.map(row => row.id),
      at,
      new Date(at.getTime() + LOOK_AHEAD_DAYS * DAY),
    );
    for (const row of rows) {
      schedules.set(row.id, {
        id: row.id,
        timeZone: row.time_zone,
        layers: JSON.parse(row.layers),
        overrides: [],
      });
    }
    for (const row of overrides) {
      schedules.get(row.schedule_id)?.overrides?.push({
        userRef: row.user_ref,
        start: new Date(row.start_at).toISOString(),
        end: new Date(row.end_at).toISOString(),
      });
    }
  }
  return { policies, schedules };
}

/**
 * Who each level of a policy reaches at an instant, and who takes over next: the answer
 * Firebreak gives, worked out the way its resolver does (each schedule once per answer).
 *
 * @internal
 */
export function levelsAt(
  levels: EscalationLevel[],
  schedules: Map<string, ScheduleDefinition & { id: string }>,
  at: Date,
  memo: Map<string, ReturnType<typeof findOnCall>>,
): OnCallLevel[] {
  return levels.map((level, index) => {
    const users = new Map<string, OnCallUser>();
    const next: OnCallLevel['next'] = [];
    for (const target of level.targets) {
      if (target.type === 'user') {
        const userRef = target.ref.toLocaleLowerCase('en-US');
        users.set(userRef, { userRef });
        continue;
      }
      const schedule = schedules.get(target.ref.toLocaleLowerCase('en-US'));
      if (!schedule) {
        continue;
      }
      let found = memo.get(schedule.id);
      if (!found) {
        found = findOnCall(schedule, at, { lookAheadDays: LOOK_AHEAD_DAYS });
        memo.set(schedule.id, found);
      }
      const { current, next: following } = found;
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

/**
 * The answer to `POST /oncall/query` for entities whose owners are known, from read data.
 *
 * @internal
 */
export function answerOnCall(
  entityRefs: string[],
  ownerOf: (entityRef: string) => string | undefined,
  data: OnCallData,
  at: Date,
): OnCallResponse[] {
  const memo = new Map<string, ReturnType<typeof findOnCall>>();
  const levelsByPolicy = new Map<string, OnCallLevel[]>();
  for (const policy of data.policies.values()) {
    levelsByPolicy.set(
      policy.id,
      levelsAt(policy.parsedLevels, data.schedules, at, memo),
    );
  }
  return entityRefs.map(entityRef => {
    const ownerRef = ownerOf(entityRef);
    const policy = ownerRef ? data.policies.get(ownerRef) : undefined;
    if (!policy) {
      return { entityRef, levels: [] };
    }
    return {
      entityRef,
      policy: { id: policy.id, name: policy.name, ownerRef: policy.owner_ref },
      policySource: 'owner',
      levels: levelsByPolicy.get(policy.id) ?? [],
    };
  });
}
