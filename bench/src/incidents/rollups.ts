/*
 * `yarn bench:rollups`: how long the store takes for a page of a roll-up — the incidents of a
 * system's parts or of what a group owns — on the history benchmark's data set, in the two
 * shapes the store has: reading each entity's range of the history index (up to 100 entities)
 * and walking all incidents newest first (more than 100). The store is called directly, one
 * query at a time: this measures the SQL, not the HTTP stack around it.
 */
import { parseArgs } from 'node:util';
import { Knex } from 'knex';
// The store is internal to the plugin; this bench measures its SQL, so it reaches in.
// eslint-disable-next-line @backstage/no-forbidden-package-imports
import { IncidentStore } from '@firebreak/backstage-plugin-backend/src/incidents/IncidentStore';
import { BenchDialect, openKnex } from '../common/database';
import { summarizeLatencies } from '../common/load';
import { datasetShape, prepareDatabase, warmTables } from './benchDatabase';

const log = (message: string) => process.stdout.write(`${message}\n`);
const RUNS = 50;
const PAGE_SIZE = 25;
// Refs no incident impacts: with them a roll-up lists over more than 100 entities, which the
// store walks; the page is the same.
const FILLER = Array.from(
  { length: 100 },
  (_, i) => `component:default/bench-filler-${i}`,
);

async function rollups(knex: Knex) {
  const team = (
    await knex('firebreak_incident_entities')
      .distinct('entity_ref')
      .where('owner_ref', 'group:default/team-03')
  ).map(row => row.entity_ref as string);
  const quiet = (
    await knex('firebreak_incident_entities')
      .select('entity_ref')
      .count({ incidents: '*' })
      .groupBy('entity_ref')
      .orderBy([
        { column: 'incidents', order: 'asc' },
        { column: 'entity_ref', order: 'asc' },
      ])
      .limit(2)
  ).map(row => (row as { entity_ref: string }).entity_ref);
  const count = async (refs: string[]) =>
    Number(
      (
        await knex('firebreak_incident_entities')
          .countDistinct({ n: 'incident_id' })
          .whereIn('entity_ref', refs)
          .first()
      )?.n,
    );
  return [
    {
      name: `a team's ${team.length} entities`,
      refs: team,
      incidents: await count(team),
    },
    {
      name: 'the 2 quietest entities',
      refs: quiet,
      incidents: await count(quiet),
    },
  ];
}

async function time(run: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await run();
  const timings: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const started = process.hrtime.bigint();
    await run();
    timings.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return summarizeLatencies(timings);
}

async function runDialect(dialect: BenchDialect) {
  const connection = await prepareDatabase(
    dialect,
    datasetShape(1_000_000, 500),
    { refill: false, log },
  );
  const knex = openKnex(connection);
  const rows: string[] = [];
  try {
    const store = new IncidentStore(knex);
    for (const rollup of await rollups(knex)) {
      // A cursor half way down: page through with the fast shape to find it.
      const depth = 100 * Math.floor(rollup.incidents / 200);
      let deepCursor: string | undefined;
      for (let seen = 0; seen < depth; seen += 100) {
        deepCursor = (
          await store.listIncidents({
            entityRefs: rollup.refs,
            limit: 100,
            cursor: deepCursor,
          })
        ).nextCursor;
      }
      for (const [page, cursor] of [
        ['first', undefined],
        [`after ${depth}`, deepCursor],
      ] as const) {
        const list = (refs: readonly string[]) => () =>
          store.listIncidents({
            entityRefs: [...refs],
            limit: PAGE_SIZE,
            cursor,
          });
        const ranges = await list(rollup.refs)();
        const walked = await list([...rollup.refs, ...FILLER])();
        if (JSON.stringify(ranges) !== JSON.stringify(walked)) {
          throw new Error(`The two shapes disagree on ${rollup.name}, ${page}`);
        }
        await warmTables(connection);
        for (const [shape, refs] of [
          ['index ranges', rollup.refs],
          ['walk', [...rollup.refs, ...FILLER]],
        ] as const) {
          const { p50, p95 } = await time(list(refs));
          rows.push(
            `| ${dialect === 'pg' ? 'PostgreSQL' : 'SQLite'} | ${
              rollup.name
            } (${
              rollup.incidents
            } incidents) | ${page} | ${shape} | ${p50.toFixed(
              2,
            )} | ${p95.toFixed(2)} |`,
          );
        }
      }
    }
  } finally {
    await knex.destroy();
  }
  return rows;
}

async function main() {
  const { values } = parseArgs({
    options: { db: { type: 'string', default: 'both' } },
  });
  if (!['pg', 'sqlite', 'both'].includes(values.db!)) {
    throw new Error('--db: must be pg, sqlite or both');
  }
  const dialects: BenchDialect[] =
    values.db === 'both' ? ['pg', 'sqlite'] : [values.db as BenchDialect];
  const rows = [
    '| database | roll-up | page | shape | p50 ms | p95 ms |',
    '| --- | --- | --- | --- | ---: | ---: |',
  ];
  for (const dialect of dialects) rows.push(...(await runDialect(dialect)));
  log('');
  log(
    `A page of ${PAGE_SIZE} from a roll-up, 1,000,000 incidents over 500 entities, ${RUNS} runs each, one at a time, warm tables`,
  );
  for (const row of rows) log(row);
}

main().catch(error => {
  process.stderr.write(`${error?.stack ?? error}\n`);
  process.exit(2);
});
