import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@firebreak/backstage-plugin-backend',
  'migrations',
);

const TABLE_NAME = 'firebreak_knex_migrations';
const LOCK_TABLE_NAME = `${TABLE_NAME}_lock`;

/** Attempts before a failing migration is reported: enough to outlast replicas racing. */
const ATTEMPTS = 5;
/** How long to wait for another replica's migration lock before giving up. */
const LOCK_WAIT_MS = 120_000;
const POLL_MS = 250;

/** @internal */
export interface MigrationOptions {
  /** The migrations to apply; the package's own by default. */
  directory?: string;
  /** How long to wait for another process's migration lock. */
  lockWaitMs?: number;
}

/**
 * Brings the Firebreak tables up to date.
 *
 * Several replicas start at once in production. knex serialises migrations with a lock row, but a
 * replica that loses the race fails instead of waiting: on a first install it collides creating
 * the bookkeeping tables, and on MySQL the lock is refused outright (`Migration table is already
 * locked`). So a failed attempt waits while another process holds the lock and tries again; the
 * next attempt finds the tables made, or nothing left to do. A migration that fails by itself
 * fails every attempt, and its error is thrown.
 *
 * @internal
 */
export async function applyDatabaseMigrations(
  knex: Knex,
  options: MigrationOptions = {},
): Promise<void> {
  const config = {
    directory: options.directory ?? migrationsDir,
    tableName: TABLE_NAME,
  };
  for (let attempt = 1; ; attempt++) {
    try {
      await knex.migrate.latest(config);
      return;
    } catch (error) {
      if (attempt >= ATTEMPTS) {
        throw error;
      }
      // Replicas that collided should not collide again on the next attempt.
      await sleep(POLL_MS * attempt * (1 + Math.random()));
      await waitForLockRelease(knex, options.lockWaitMs ?? LOCK_WAIT_MS);
    }
  }
}

async function waitForLockRelease(knex: Knex, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!(await isLocked(knex))) {
      return;
    }
    await sleep(POLL_MS);
  }
  throw new Error(
    `Firebreak's database migrations are locked by another process for more than ${Math.round(
      timeoutMs / 1000,
    )} s. If no backend is migrating (a replica may have died during a migration), release the lock with: UPDATE ${LOCK_TABLE_NAME} SET is_locked = 0`,
  );
}

async function isLocked(knex: Knex): Promise<boolean> {
  try {
    const row = await knex(LOCK_TABLE_NAME).first('is_locked');
    return Number(row?.is_locked ?? 0) === 1;
  } catch {
    // No lock table yet: whoever creates it has not got that far; try again.
    return false;
  }
}

function sleep(ms: number) {
  return new Promise(resolve => setTimeout(resolve, ms));
}
