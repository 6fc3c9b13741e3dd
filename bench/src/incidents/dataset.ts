import {
  COMMANDER_ROLE,
  DEFAULT_PRIORITY_MATRIX,
  DEFAULT_SEVERITY_LEVELS,
  computePriority,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { BenchDialect } from '../common/database';

/**
 * One catalog entity incidents are declared against.
 *
 * @internal
 */
export interface BenchEntity {
  kind: 'Component' | 'API' | 'Resource';
  name: string;
  /** Lower-cased, as the store keeps it. */
  ref: string;
  ownerRef: string;
}

/**
 * Shape of the filled data set; a reused database must match it.
 *
 * @internal
 */
export interface DatasetShape {
  incidents: number;
  entities: number;
  /** Bumped when the fill below changes, so an old fill is not reused. */
  version: number;
}

/** @internal */
export const DATASET_VERSION = 1;

/** The user the load runs as, a member of team-01. */
export const BENCH_USER_REF = 'user:default/bench-user';

/** @internal */
export const TEAM_COUNT = 25;

/**
 * The catalog of the bench: components, APIs and resources owned by 25 teams.
 *
 * @internal
 */
export function benchEntities(count: number): BenchEntity[] {
  return Array.from({ length: count }, (_, index) => {
    const number = String(index + 1).padStart(3, '0');
    const team = `group:default/team-${String(
      (index % TEAM_COUNT) + 1,
    ).padStart(2, '0')}`;
    // 80% components, 12% APIs, 8% resources.
    if (index < count * 0.8) {
      return {
        kind: 'Component',
        name: `service-${number}`,
        ref: `component:default/service-${number}`,
        ownerRef: team,
      };
    }
    if (index < count * 0.92) {
      return {
        kind: 'API',
        name: `api-${number}`,
        ref: `api:default/api-${number}`,
        ownerRef: team,
      };
    }
    return {
      kind: 'Resource',
      name: `database-${number}`,
      ref: `resource:default/database-${number}`,
      ownerRef: team,
    };
  });
}

/**
 * SQL fragments that differ between PostgreSQL and SQLite; everything else is shared.
 */
function dialectSql(dialect: BenchDialect, nowMs: number) {
  if (dialect === 'pg') {
    return {
      random: 'random()',
      toInt: (expr: string) => `floor(${expr})::bigint`,
      // The UUID-shaped id of incident n: deterministic, so refills give the same ids.
      uuid: (n: string) =>
        `lpad(to_hex(${n}), 8, '0') || '-0000-4000-8000-' || lpad(to_hex((${n}::bigint * 2654435761) % 281474976710656), 12, '0')`,
      // Stored as timestamptz with millisecond precision.
      instant: (ageMs: string, plusMs = 0) =>
        `to_timestamp((${nowMs}::bigint - ${ageMs} + ${plusMs}) / 1000.0)`,
      concat: (...parts: string[]) => parts.join(' || '),
      series: (count: number) =>
        `SELECT n FROM generate_series(1, ${count}) AS n`,
      createSeedTable: 'CREATE UNLOGGED TABLE',
    };
  }
  return {
    random: '((abs(random()) % 1000000007) / 1000000007.0)',
    toInt: (expr: string) => `CAST(${expr} AS INTEGER)`,
    uuid: (n: string) =>
      `printf('%08x-0000-4000-8000-%012x', ${n}, (${n} * 2654435761) % 281474976710656)`,
    // knex's better-sqlite3 dialect stores a Date as its milliseconds: do the same.
    instant: (ageMs: string, plusMs = 0) => `(${nowMs} - ${ageMs} + ${plusMs})`,
    concat: (...parts: string[]) => parts.join(' || '),
    series: (count: number) =>
      `WITH RECURSIVE series(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM series WHERE n < ${count}) SELECT n FROM series`,
    createSeedTable: 'CREATE TABLE',
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const TITLES = [
  'Elevated error rate',
  'Latency above SLO',
  'Checkout requests timing out',
  'Degraded after deploy',
  'Queue backlog growing',
  'Certificate expiring',
  'Connection pool exhausted',
  'Partial outage in one region',
];

/**
 * Fills the Firebreak tables, already migrated and empty, with `shape.incidents` incidents
 * over `shape.entities` entities, set-based in one transaction.
 *
 * Spread: declared uniformly over the last three years; half of the incidents pick their
 * primary entity uniformly and half from a skewed distribution (a few noisy services);
 * 30% impact a second entity and 10% a third. Severities SEV1 5%, SEV2 25%, SEV3 70%, with
 * the priority of the default matrix. Incidents of the last three days are active (triage to
 * monitoring); older ones are closed (80%), resolved (15%) or declined (5%).
 * Each has a commander among 200 engineers.
 *
 * @internal
 */
export async function fillDataset(
  knex: Knex,
  dialect: BenchDialect,
  shape: DatasetShape,
  nowMs: number,
): Promise<void> {
  const sql = dialectSql(dialect, nowMs);
  const entities = benchEntities(shape.entities);
  const r = sql.random;
  const count = shape.entities;

  const severities = ['SEV1', 'SEV2', 'SEV3'].map(id => {
    const level = DEFAULT_SEVERITY_LEVELS.find(l => l.id === id)!;
    return {
      id,
      impact: level.defaultImpact,
      urgency: level.defaultUrgency,
      priority: computePriority(
        DEFAULT_PRIORITY_MATRIX,
        level.defaultImpact,
        level.defaultUrgency,
      )!,
    };
  });
  const bySeverity = (pick: (s: (typeof severities)[number]) => string) =>
    `CASE s.sev ${severities
      .map((s, i) => `WHEN ${i} THEN '${pick(s)}'`)
      .join(' ')} END`;

  await knex.transaction(async tx => {
    await tx.schema.createTable('bench_entities', table => {
      table.integer('idx').primary();
      table.string('name', 255).notNullable();
      table.string('entity_ref', 255).notNullable();
      table.string('owner_ref', 255).notNullable();
    });
    for (let i = 0; i < entities.length; i += 100) {
      await tx('bench_entities').insert(
        entities.slice(i, i + 100).map((e, j) => ({
          idx: i + j,
          name: e.name,
          entity_ref: e.ref,
          owner_ref: e.ownerRef,
        })),
      );
    }

    // Every random draw is materialised once, so the incident and its entity rows agree.
    await tx.raw(`
      ${sql.createSeedTable} bench_seed AS
      SELECT n,
        CASE WHEN ${r} < 0.5 THEN ${sql.toInt(`${r} * ${count}`)}
             ELSE ${sql.toInt(`${r} * ${r} * ${count}`)} END AS e1,
        CASE WHEN ${r} < 0.3 THEN ${sql.toInt(`${r} * ${count}`)} END AS e2,
        CASE WHEN ${r} < 0.1 THEN ${sql.toInt(`${r} * ${count}`)} END AS e3,
        ${sql.toInt(`${r} * ${3 * 365 * DAY}`)} AS age_ms,
        ${sql.toInt(`${r} * 100`)} AS sev_draw,
        ${sql.toInt(`${r} * 100`)} AS status_draw,
        ${sql.toInt(`${r} * ${TITLES.length}`)} AS title_draw
      FROM (${sql.series(shape.incidents)}) AS series
    `);

    const activeAge = 3 * DAY;
    await tx.raw(`
      INSERT INTO firebreak_incidents (
        id, ref_number, title, summary, severity, priority, impact, urgency, status,
        source, reporter_ref, links, started_at, declared_at, acknowledged_at,
        mitigated_at, resolved_at, closed_at, updated_at, version
      )
      SELECT
        ${sql.uuid('s.n')},
        s.n,
        ${sql.concat(
          `CASE s.title_draw ${TITLES.map(
            (t, i) => `WHEN ${i} THEN '${t}'`,
          ).join(' ')} END`,
          `' in '`,
          'e.name',
        )},
        NULL,
        ${bySeverity(x => x.id)},
        ${bySeverity(x => x.priority)},
        ${bySeverity(x => x.impact)},
        ${bySeverity(x => x.urgency)},
        CASE
          WHEN s.age_ms < ${activeAge} THEN
            CASE WHEN s.status_draw < 20 THEN 'triage'
                 WHEN s.status_draw < 55 THEN 'investigating'
                 WHEN s.status_draw < 80 THEN 'identified'
                 ELSE 'monitoring' END
          WHEN s.status_draw < 80 THEN 'closed'
          WHEN s.status_draw < 95 THEN 'resolved'
          ELSE 'declined' END,
        CASE WHEN s.n % 4 = 0 THEN 'api' ELSE 'portal' END,
        ${sql.concat(`'user:default/engineer-'`, `(s.n % 200)`)},
        '[]',
        ${sql.instant('s.age_ms', -10 * MINUTE)},
        ${sql.instant('s.age_ms')},
        ${sql.instant('s.age_ms', 5 * MINUTE)},
        CASE WHEN s.age_ms >= ${activeAge} THEN ${sql.instant(
      's.age_ms',
      60 * MINUTE,
    )} END,
        CASE WHEN s.age_ms >= ${activeAge} THEN ${sql.instant(
      's.age_ms',
      120 * MINUTE,
    )} END,
        CASE WHEN s.age_ms >= ${activeAge} AND s.status_draw < 80 THEN ${sql.instant(
      's.age_ms',
      DAY,
    )} END,
        ${sql.instant('s.age_ms', 120 * MINUTE)},
        3
      FROM (
        SELECT n, e1, age_ms, title_draw, status_draw,
          CASE WHEN sev_draw < 5 THEN 0 WHEN sev_draw < 30 THEN 1
               ELSE 2 END AS sev
        FROM bench_seed
      ) s
      JOIN bench_entities e ON e.idx = s.e1
    `);

    await tx.raw(`
      INSERT INTO firebreak_incident_entities (incident_id, entity_ref, owner_ref, declared_at)
      SELECT ${sql.uuid('s.n')}, e.entity_ref, e.owner_ref, ${sql.instant(
      's.age_ms',
    )}
      FROM (
        SELECT n, age_ms, e1 AS idx FROM bench_seed
        UNION ALL
        SELECT n, age_ms, e2 FROM bench_seed WHERE e2 IS NOT NULL AND e2 <> e1
        UNION ALL
        SELECT n, age_ms, e3 FROM bench_seed
        WHERE e3 IS NOT NULL AND e3 <> e1 AND (e2 IS NULL OR e3 <> e2)
      ) s
      JOIN bench_entities e ON e.idx = s.idx
    `);

    await tx.raw(`
      INSERT INTO firebreak_incident_roles (incident_id, role, user_ref)
      SELECT ${sql.uuid('n')}, '${COMMANDER_ROLE}', ${sql.concat(
      `'user:default/engineer-'`,
      `((n * 7) % 200)`,
    )}
      FROM bench_seed
    `);

    await tx('firebreak_counters')
      .where({ name: 'incident_ref' })
      .update({ value: shape.incidents });

    await tx.schema.dropTable('bench_seed');
    await tx.schema.dropTable('bench_entities');
  });
}
