import { TestDatabases } from '@backstage/backend-test-utils';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { applyDatabaseMigrations } from './migrations';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

describe.each(databases.eachSupportedId())(
  'the incident detection time migration on %s',
  id => {
    it('adds detected_at, and its down removes it and nothing else', async () => {
      const knex = await databases.init(id);
      await applyDatabaseMigrations(knex);
      const columns = async () =>
        Object.keys(await knex('firebreak_incidents').columnInfo());
      const after = await columns();
      expect(after).toContain('detected_at');

      await knex.migrate.down({
        directory: resolvePackagePath(
          '@firebreak/backstage-plugin-backend',
          'migrations',
        ),
        tableName: 'firebreak_knex_migrations',
        name: '20261217000000_incident_detected_at.js',
      });
      expect((await columns()).sort()).toEqual(
        after.filter(c => c !== 'detected_at').sort(),
      );

      // And up again, as a later deployment would.
      await applyDatabaseMigrations(knex);
      expect((await columns()).sort()).toEqual([...after].sort());
    });
  },
);
