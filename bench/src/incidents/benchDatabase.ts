import fs from 'node:fs';
import path from 'node:path';
import { Knex } from 'knex';
import {
  BenchConnection,
  benchConnection,
  BenchDialect,
  databaseExists,
  openKnex,
  recreateDatabase,
} from '../common/database';
import { DATASET_VERSION, DatasetShape, fillDataset } from './dataset';

/** The PostgreSQL database (and SQLite file name) the bench fills and reuses. */
export const BENCH_DATABASE = 'firebreak_bench';

function migrationsDirectory() {
  return path.join(
    path.dirname(
      require.resolve('@firebreak/backstage-plugin-backend/package.json'),
    ),
    'migrations',
  );
}

async function readShape(knex: Knex): Promise<DatasetShape | undefined> {
  if (!(await knex.schema.hasTable('bench_meta'))) {
    return undefined;
  }
  const row = await knex('bench_meta').where({ key: 'dataset' }).first();
  return row ? JSON.parse(row.value) : undefined;
}

/**
 * Makes sure the bench database holds the data set: reuses a database filled with the same
 * shape, else creates it afresh, runs the Firebreak migrations and fills it. Migrations added
 * since a reused fill are applied to it too.
 *
 * @internal
 */
export async function prepareDatabase(
  dialect: BenchDialect,
  shape: DatasetShape,
  options: { refill: boolean; log: (message: string) => void },
): Promise<BenchConnection> {
  const connection = benchConnection(dialect, BENCH_DATABASE);
  const exists = await databaseExists(connection);

  if (exists && !options.refill) {
    const knex = openKnex(connection);
    try {
      const stored = await readShape(knex);
      if (
        stored &&
        stored.incidents === shape.incidents &&
        stored.entities === shape.entities &&
        stored.version === shape.version
      ) {
        await migrate(knex);
        options.log(
          `${dialect}: reusing the filled database (${stored.incidents} incidents over ${stored.entities} entities; --refill to fill it again)`,
        );
        return connection;
      }
    } finally {
      await knex.destroy();
    }
  }

  await recreateDatabase(connection);
  const knex = openKnex(connection);
  try {
    await migrate(knex);
    const started = Date.now();
    options.log(
      `${dialect}: filling ${shape.incidents} incidents over ${shape.entities} entities...`,
    );
    await fillDataset(knex, dialect, shape, Date.now());
    if (dialect === 'pg') {
      // What autovacuum does to a table this size soon after it is written.
      await knex.raw(
        'VACUUM ANALYZE firebreak_incidents, firebreak_incident_entities, firebreak_incident_roles',
      );
    }
    await knex.schema.createTable('bench_meta', table => {
      table.string('key').primary();
      table.text('value').notNullable();
    });
    await knex('bench_meta').insert({
      key: 'dataset',
      value: JSON.stringify(shape),
    });
    options.log(
      `${dialect}: filled in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
  } finally {
    await knex.destroy();
  }
  return connection;
}

async function migrate(knex: Knex) {
  await knex.migrate.latest({
    directory: migrationsDirectory(),
    tableName: 'firebreak_knex_migrations',
  });
}

/** @internal */
export function datasetShape(incidents: number, entities: number) {
  return { incidents, entities, version: DATASET_VERSION };
}

/**
 * Brings the Firebreak tables and their indexes into memory: `pg_prewarm` on PostgreSQL, a
 * full read of the file on SQLite. This VM drops file cache left idle for ~30 s, so this runs
 * right before each measurement.
 *
 * @internal
 */
export async function warmTables(connection: BenchConnection): Promise<string> {
  if (connection.dialect === 'sqlite') {
    const buffer = Buffer.alloc(1 << 20);
    const fd = fs.openSync(connection.filename, 'r');
    let total = 0;
    try {
      for (;;) {
        const read = fs.readSync(fd, buffer, 0, buffer.length, total);
        if (read === 0) break;
        total += read;
      }
    } finally {
      fs.closeSync(fd);
    }
    return `read ${(total / 2 ** 20).toFixed(0)} MiB`;
  }
  const knex = openKnex(connection);
  try {
    try {
      await knex.raw('CREATE EXTENSION IF NOT EXISTS pg_prewarm');
    } catch {
      // Without the extension: sequential reads of the tables (their indexes stay as they are).
      for (const table of [
        'firebreak_incidents',
        'firebreak_incident_entities',
      ]) {
        await knex.raw(`SELECT sum(length(t::text)) FROM ${table} t`);
      }
      return 'full read of the tables (no pg_prewarm)';
    }
    // Tables first, then their indexes, so the indexes are what stays in shared buffers.
    const { rows } = await knex.raw(`
      SELECT c.oid::regclass::text AS name, c.relkind
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind IN ('r', 'i')
        AND c.relname LIKE 'firebreak_incident%'
      ORDER BY c.relkind DESC, c.relname`);
    let blocks = 0;
    for (const row of rows as { name: string }[]) {
      const { rows: result } = await knex.raw(
        'SELECT pg_prewarm(?::regclass) AS blocks',
        [row.name],
      );
      blocks += Number(result[0].blocks);
    }
    return `pg_prewarm ${((blocks * 8192) / 2 ** 20).toFixed(0)} MiB`;
  } finally {
    await knex.destroy();
  }
}
