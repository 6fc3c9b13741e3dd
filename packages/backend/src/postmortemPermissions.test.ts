/*
 * Part of the auth matrix: who may write, approve and publish postmortems under the
 * example policy — the owners of what the incident impacts and its role holders — through the
 * real permission stack, with the example organisation's claims. Everyone signed in reads.
 *
 * Alice (Payments) declares incidents on Storefront's cart service and commands them (no
 * on-call is set up here), so she owns their postmortems.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_INCIDENT_ROLES } from '@firebreak/backstage-plugin-common';
import { startExamplePermissionBackend } from './__testUtils__/examplePermissionBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

const people = {
  /** Payments: declares, so commands and owns the postmortem. */
  commander: 'user:default/alice.nguyen',
  /** Storefront: owns the impacted service. */
  storefrontOwner: 'user:default/dana.okafor',
  /** Payments: neither owner nor role holder. */
  otherTeam: 'user:default/bruno.costa',
  /** Payments: given a role below. */
  roleHolder: 'user:default/chen.wei',
};
const ROLE = DEFAULT_INCIDENT_ROLES.find(role => role.id !== 'commander')!.id;

describe.each(databases.eachSupportedId())(
  'postmortems through the example permission policy on %s',
  databaseId => {
    let call: Awaited<ReturnType<typeof startExamplePermissionBackend>>['call'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ call } = await startExamplePermissionBackend(knex));
    });

    async function declared() {
      const response = await call('post', people.commander, '/incidents', {
        title: 'Carts lose their items',
        severity: 'SEV3',
        entityRefs: ['component:default/cart-service'],
      });
      expect(response.status).toBe(201);
      return response.body as { id: string; ref: string; version: number };
    }

    it('lets the owners of the impacted service start and edit it, and refuses another team', async () => {
      const incident = await declared();
      const refused = await call(
        'post',
        people.otherTeam,
        `/incidents/${incident.id}/postmortem`,
      );
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe(
        `You may not create the postmortem of ${incident.ref}`,
      );

      const started = await call(
        'post',
        people.storefrontOwner,
        `/incidents/${incident.id}/postmortem`,
      );
      expect(started.status).toBe(201);
      expect(started.body.ownerRef).toBe(people.commander);

      // Everyone signed in reads it, the other team too.
      const read = await call(
        'get',
        people.otherTeam,
        `/postmortems/${started.body.id}`,
      );
      expect(read.status).toBe(200);

      const edit = (user: string) =>
        call('patch', user, `/postmortems/${started.body.id}`, {
          version: 1,
          starredEventIds: [read.body.timeline[0].id],
        });
      expect((await edit(people.otherTeam)).status).toBe(403);
      expect((await edit(people.storefrontOwner)).status).toBe(200);
    });

    it('lets a role holder of another team approve, and publishing follows', async () => {
      const incident = await declared();
      const roles = await call(
        'patch',
        people.commander,
        `/incidents/${incident.id}`,
        { version: incident.version, roles: { [ROLE]: people.roleHolder } },
      );
      expect(roles.status).toBe(200);
      const { body: started } = await call(
        'post',
        people.commander,
        `/incidents/${incident.id}/postmortem`,
      );
      const review = await call(
        'patch',
        people.commander,
        `/postmortems/${started.id}`,
        { version: 1, status: 'in_review' },
      );
      expect(review.status).toBe(200);

      const approve = (user: string) =>
        call('post', user, `/postmortems/${started.id}/approvals`, {
          version: 2,
        });
      expect((await approve(people.otherTeam)).status).toBe(403);
      expect((await approve(people.roleHolder)).status).toBe(201);

      const publish = (user: string) =>
        call('patch', user, `/postmortems/${started.id}`, {
          version: 3,
          status: 'published',
        });
      expect((await publish(people.otherTeam)).status).toBe(403);
      const published = await publish(people.commander);
      expect(published.status).toBe(200);
      expect(published.body.status).toBe('published');
    });
  },
);
