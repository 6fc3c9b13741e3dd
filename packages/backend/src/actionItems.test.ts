/*
 * Part of the issue's auth matrix: who may write an incident's action items under the example
 * policy — the owners of what it impacts and its role holders create them; those and the
 * item's owner change them; another team gets 403; everyone signed in reads — through the
 * real permission stack, with the example organisation's claims.
 *
 * Alice (Payments) declares an incident on Payments' own API and commands it (nobody is on
 * call). Platform is the admin group, so the people denied here are plain Storefront members.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { startExamplePermissionBackend } from './__testUtils__/examplePermissionBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

const people = {
  /** Payments: declares the incident, so its commander. */
  commander: 'user:default/alice.nguyen',
  /** Payments: owns the impacted service, holds no role. */
  paymentsOwner: 'user:default/bruno.costa',
  /** Storefront: another team; owns the item made for her. */
  itemOwner: 'user:default/dana.okafor',
  /** Storefront: another team, nothing to do with the incident. */
  otherTeam: 'user:default/emil.larsen',
  /** Storefront: another team, given the scribe role. */
  scribe: 'user:default/farah.haddad',
};

describe.each(databases.eachSupportedId())(
  'action items through the example permission policy on %s',
  databaseId => {
    it('lets owners and role holders write, the item owner change, another team only read', async () => {
      const knex = await databases.init(databaseId);
      const { call } = await startExamplePermissionBackend(knex);
      const declared = await call('post', people.commander, '/incidents', {
        title: 'Card payments fail',
        severity: 'SEV2',
        entityRefs: ['component:default/payments-api'],
      });
      expect(declared.status).toBe(201);
      const incident = declared.body;
      const item = (ownerRef: string) => ({
        title: 'Alert on pool saturation',
        priority: 'P1',
        ownerRef,
        incidentRef: incident.ref,
      });

      const denied = await call(
        'post',
        people.otherTeam,
        '/action-items',
        item(people.otherTeam),
      );
      expect(denied.status).toBe(403);
      expect(await knex('firebreak_action_items')).toEqual([]);

      const byOwner = await call(
        'post',
        people.paymentsOwner,
        '/action-items',
        item(people.itemOwner),
      );
      expect(byOwner.status).toBe(201);
      const byCommander = await call(
        'post',
        people.commander,
        '/action-items',
        item(people.commander),
      );
      expect(byCommander.status).toBe(201);

      // A role holder from another team may write follow-ups once given the role.
      expect(
        (
          await call(
            'post',
            people.scribe,
            '/action-items',
            item(people.scribe),
          )
        ).status,
      ).toBe(403);
      const roles = await call(
        'patch',
        people.commander,
        `/incidents/${incident.id}`,
        { version: incident.version, roles: { scribe: people.scribe } },
      );
      expect(roles.status).toBe(200);
      expect(
        (
          await call(
            'post',
            people.scribe,
            '/action-items',
            item(people.scribe),
          )
        ).status,
      ).toBe(201);

      // Another team may read everything but change nothing.
      const list = await call(
        'get',
        people.otherTeam,
        `/action-items?incidentRef=${incident.ref}`,
      );
      expect(list.status).toBe(200);
      expect(list.body.items).toHaveLength(3);
      const path = `/action-items/${byOwner.body.id}`;
      expect((await call('get', people.otherTeam, path)).status).toBe(200);
      const otherTeamEdit = await call('patch', people.otherTeam, path, {
        version: 1,
        status: 'done',
      });
      expect(otherTeamEdit.status).toBe(403);
      expect(
        (
          await call(
            'patch',
            people.otherTeam,
            `/action-items/${byCommander.body.id}`,
            {
              version: 1,
              status: 'done',
            },
          )
        ).status,
      ).toBe(403);

      // Dana, of another team, owns her item and so may change it, but not the commander's.
      const ownEdit = await call('patch', people.itemOwner, path, {
        version: 1,
        status: 'in_progress',
      });
      expect(ownEdit.status).toBe(200);
      expect(
        (
          await call(
            'patch',
            people.itemOwner,
            `/action-items/${byCommander.body.id}`,
            {
              version: 1,
              status: 'done',
            },
          )
        ).status,
      ).toBe(403);
      // The owners of the impacted service may change anyone's item.
      expect(
        (
          await call(
            'patch',
            people.paymentsOwner,
            `/action-items/${byCommander.body.id}`,
            {
              version: 1,
              status: 'done',
            },
          )
        ).status,
      ).toBe(200);
    });
  },
);
