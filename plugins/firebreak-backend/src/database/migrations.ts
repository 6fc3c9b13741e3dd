import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@firebreak/backstage-plugin-backend',
  'migrations',
);

const TABLE_NAME = 'firebreak_knex_migrations';
/** Names the database lock that lets one replica migrate at a time. */
const LOCK_NAME = 'firebreak_migrations';
/** PostgreSQL advisory locks take a number: a fixed one of Firebreak's own. */
const PG_LOCK_KEY = 7_340_917_201;
/** How long a replica waits for another's migration before giving up. */
const LOCK_WAIT_SECONDS = 120;

/** @internal */
export interface MigrationOptions {
  /** The migrations to apply; the package's own by default. */
  directory?: string;
}

/**
 * Brings the Firebreak tables up to date.
 *
 * Several replicas start at once in production, and knex's own lock does not cover them: a
 * replica that loses the race fails instead of waiting, and two replicas that both find its lock
 * table empty both add a lock row, after which every later start reads "Migration table is
 * already locked". So replicas take turns under a database lock (an advisory lock on PostgreSQL,
 * `GET_LOCK` on MySQL) held on a connection of its own while knex migrates; whoever comes second
 * finds nothing left to do. SQLite is one process's file and needs no lock.
 *
 * @internal
 */
export async function applyDatabaseMigrations(
  knex: Knex,
  options: MigrationOptions = {},
): Promise<void> {
  const migrate = () =>
    knex.migrate.latest({
      directory: options.directory ?? migrationsDir,
      tableName: TABLE_NAME,
    });
  const client = String(knex.client.config.client);
  if (client === 'pg') {
    await withConnection(knex, async connection => {
      await knex
        .raw('SELECT pg_advisory_lock(?)', [PG_LOCK_KEY])
        .connection(connection);
      try {
        await migrate();
      } finally {
        await knex
          .raw('SELECT pg_advisory_unlock(?)', [PG_LOCK_KEY])
          .connection(connection);
      }
    });
  } else if (client === 'mysql' || client === 'mysql2') {
    await withConnection(knex, async connection => {
      const result = await knex
        .raw('SELECT GET_LOCK(?, ?) AS acquired', [
          LOCK_NAME,
          LOCK_WAIT_SECONDS,
        ])
        .connection(connection);
      if (Number(result[0][0].acquired) !== 1) {
        throw new Error(
          `Another backend has been migrating Firebreak's database for more than ${LOCK_WAIT_SECONDS} s; try again when it has finished`,
        );
      }
      try {
        await migrate();
      } finally {
        await knex
          .raw('SELECT RELEASE_LOCK(?)', [LOCK_NAME])
          .connection(connection);
      }
    });
  } else {
    await migrate();
  }
}

async function withConnection(
  knex: Knex,
  use: (connection: any) => Promise<void>,
): Promise<void> {
  const connection = await knex.client.acquireConnection();
  try {
    await use(connection);
  } finally {
    await knex.client.releaseConnection(connection);
  }
}
