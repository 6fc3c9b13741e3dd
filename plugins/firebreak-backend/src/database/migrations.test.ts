import { TestDatabases } from '@backstage/backend-test-utils';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import knexFactory, { Knex } from 'knex';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['POSTGRES_15', 'MYSQL_8'] });

/** Separate clients on one database, as separate backend replicas have. */
function replicas(knex: Knex, count: number): Knex[] {
  return Array.from({ length: count }, () =>
    knexFactory({ ...knex.client.config, pool: { min: 0, max: 2 } }),
  );
}

describe.each(databases.eachSupportedId())(
  'migrations with several replicas on %s',
  id => {
    it('lets three replicas start on an empty database at the same moment', async () => {
      const knex = await databases.init(id);
      const clients = replicas(knex, 3);
      try {
        const results = await Promise.allSettled(
          clients.map(client => applyDatabaseMigrations(client)),
        );
        // The reasons, should any replica fail, are what the assertion shows.
        expect(
          results.flatMap(r =>
            r.status === 'rejected' ? [String(r.reason)] : [],
          ),
        ).toEqual([]);
        const [, pending] = await knex.migrate.list({
          directory: path.resolve(__dirname, '../../migrations'),
          tableName: 'firebreak_knex_migrations',
        });
        expect(pending).toEqual([]);
        // Every migration ran exactly once.
        const ran = await knex('firebreak_knex_migrations').select('name');
        expect(new Set(ran.map(r => r.name)).size).toBe(ran.length);
        expect(await knex.schema.hasTable('firebreak_incidents')).toBe(true);
        // One lock row, free: two rows would make every later start fail as "already locked".
        const locks = await knex('firebreak_knex_migrations_lock').select(
          'is_locked',
        );
        expect(locks.map(l => Number(l.is_locked))).toEqual([0]);
      } finally {
        await Promise.all(clients.map(client => client.destroy()));
      }
    });
  },
);

describe('a migration that fails by itself', () => {
  let directory: string;
  let knex: Knex;

  beforeEach(async () => {
    directory = await fs.mkdtemp(
      path.join(os.tmpdir(), 'firebreak-migrations-'),
    );
    await fs.writeFile(
      path.join(directory, '20260101000000_broken.js'),
      `exports.up = knex => knex.raw('SELECT * FROM no_such_table');
exports.down = async () => {};
`,
    );
    knex = knexFactory({
      client: 'better-sqlite3',
      connection: ':memory:',
      useNullAsDefault: true,
    });
  });

  afterEach(async () => {
    await knex.destroy();
    await fs.rm(directory, { recursive: true, force: true });
  });

  it('is reported with its own error, and leaves the lock free', async () => {
    // Compared by message: better-sqlite3's errors are not Errors of jest's realm.
    const failure = await applyDatabaseMigrations(knex, { directory }).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(String((failure as Error | undefined)?.message)).toMatch(
      /no_such_table/,
    );
    const lock = await knex('firebreak_knex_migrations_lock').first();
    expect(Number(lock.is_locked)).toBe(0);
  });
});
