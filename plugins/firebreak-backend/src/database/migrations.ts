import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Knex } from 'knex';

const migrationsDir = resolvePackagePath(
  '@firebreak/backstage-plugin-backend',
  'migrations',
);

/**
 * Brings the Firebreak tables up to date.
 *
 * @internal
 */
export async function applyDatabaseMigrations(knex: Knex): Promise<void> {
  await knex.migrate.latest({
    directory: migrationsDir,
    tableName: 'firebreak_knex_migrations',
  });
}
