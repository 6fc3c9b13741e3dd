import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { applyDatabaseMigrations } from './migrations';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const TICKET_COLUMNS = [
  'ticket_exporter_id',
  'ticket_external_id',
  'ticket_state',
  'ticket_checked_at',
  'ticket_requested_at',
];

describe.each(databases.eachSupportedId())(
  'the action item tickets migration on %s',
  id => {
    it('adds the ticket columns, and its down removes them and nothing else', async () => {
      const knex = await databases.init(id);
      await applyDatabaseMigrations(knex);
      const columns = async () =>
        Object.keys(await knex('firebreak_action_items').columnInfo());
      const after = await columns();
      expect(after).toEqual(expect.arrayContaining(TICKET_COLUMNS));

      await knex.migrate.down({
        directory: resolvePackagePath(
          '@firebreak/backstage-plugin-backend',
          'migrations',
        ),
        tableName: 'firebreak_knex_migrations',
        name: '20261215000000_action_item_tickets.js',
      });
      const before = await columns();
      expect(before.sort()).toEqual(
        after.filter(c => !TICKET_COLUMNS.includes(c)).sort(),
      );
      expect(before).toContain('ticket_url');

      // And up again, as a later deployment would.
      await applyDatabaseMigrations(knex);
      expect((await columns()).sort()).toEqual([...after].sort());
    });
  },
);
