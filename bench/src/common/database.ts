import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';

/** The local PostgreSQL server the benches use: trust auth. */
export const PG_SERVER = 'postgresql://postgres@127.0.0.1:5432';

/** Where the benches keep SQLite files, server logs and generated config. */
export const BENCH_WORK_DIR = path.join(os.tmpdir(), 'firebreak-bench');

/**
 * The database flavours the benches run on.
 *
 * @internal
 */
export type BenchDialect = 'pg' | 'sqlite';

/**
 * Where a bench database lives, for the API's config and the floor.
 *
 * @internal
 */
export type BenchConnection =
  | { dialect: 'pg'; connectionString: string }
  | { dialect: 'sqlite'; filename: string };

/**
 * The PostgreSQL database `name` on the local server, or the SQLite file `name.sqlite` in the
 * work folder.
 *
 * @internal
 */
export function benchConnection(
  dialect: BenchDialect,
  name: string,
): BenchConnection {
  return dialect === 'pg'
    ? { dialect, connectionString: `${PG_SERVER}/${name}` }
    : { dialect, filename: path.join(BENCH_WORK_DIR, `${name}.sqlite`) };
}

/** @internal */
export function openKnex(connection: BenchConnection): Knex {
  return connection.dialect === 'pg'
    ? knexFactory({
        client: 'pg',
        connection: connection.connectionString,
        pool: { min: 0, max: 2 },
      })
    : knexFactory({
        client: 'better-sqlite3',
        connection: { filename: connection.filename },
        useNullAsDefault: true,
      });
}

function pgDatabaseName(connection: { connectionString: string }) {
  return new URL(connection.connectionString).pathname.slice(1);
}

async function withPgAdmin<T>(run: (admin: Knex) => Promise<T>): Promise<T> {
  const admin = knexFactory({
    client: 'pg',
    connection: `${PG_SERVER}/postgres`,
  });
  try {
    return await run(admin);
  } finally {
    await admin.destroy();
  }
}

/**
 * Whether the bench database exists.
 *
 * @internal
 */
export async function databaseExists(
  connection: BenchConnection,
): Promise<boolean> {
  if (connection.dialect === 'sqlite') {
    return fs.existsSync(connection.filename);
  }
  return withPgAdmin(async admin => {
    const { rows } = await admin.raw(
      'SELECT 1 FROM pg_database WHERE datname = ?',
      [pgDatabaseName(connection)],
    );
    return rows.length > 0;
  });
}

/**
 * Drops the bench database if it exists and creates it empty.
 *
 * @internal
 */
export async function recreateDatabase(connection: BenchConnection) {
  if (connection.dialect === 'pg') {
    const name = pgDatabaseName(connection);
    await withPgAdmin(async admin => {
      await admin.raw(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.raw(`CREATE DATABASE ${name}`);
    });
  } else {
    for (const suffix of ['', '-journal', '-wal', '-shm']) {
      fs.rmSync(`${connection.filename}${suffix}`, { force: true });
    }
    fs.mkdirSync(path.dirname(connection.filename), { recursive: true });
  }
}
