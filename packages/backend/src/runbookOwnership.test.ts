/*
 * Part of the auth matrix: who may store and edit runbooks, and tick their steps, under
 * the example policy — a team writes its own runbooks, everyone signed in reads them — through
 * the real permission stack with the example organisation's claims.
 *
 * Platform is the admin group (as in app-config.yaml), so Payments and Storefront are the teams
 * tested as plain members against each other.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { startExamplePermissionBackend } from './__testUtils__/examplePermissionBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

const payments = {
  member: 'user:default/alice.nguyen',
  group: 'group:default/payments',
  service: 'component:default/payments-api',
};
const storefront = {
  member: 'user:default/farah.haddad',
  group: 'group:default/storefront',
  service: 'component:default/cart-service',
};
const admin = 'user:default/gustavo.ruiz';

describe.each(databases.eachSupportedId())(
  'runbook ownership through the example permission policy on %s',
  databaseId => {
    let call: Awaited<ReturnType<typeof startExamplePermissionBackend>>['call'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ call } = await startExamplePermissionBackend(knex));
    });

    const runbookOf = (team: typeof payments, title: string) => ({
      title,
      ownerRef: team.group,
      entityRefs: [team.service],
      steps: [{ title: 'Check the dashboard' }],
    });

    it("stores runbooks for the member's own team only", async () => {
      const own = await call(
        'post',
        payments.member,
        '/runbooks',
        runbookOf(payments, 'Payments own'),
      );
      expect(own.status).toBe(201);
      const other = await call(
        'post',
        payments.member,
        '/runbooks',
        runbookOf(storefront, 'Not theirs'),
      );
      expect(other.status).toBe(403);
      expect(other.body.error.message).toMatch(/^ownerRef: /);
      const byAdmin = await call(
        'post',
        admin,
        '/runbooks',
        runbookOf(storefront, 'By the admin'),
      );
      expect(byAdmin.status).toBe(201);
      const list = await call(
        'get',
        payments.member,
        `/runbooks?entityRef=${storefront.service}`,
      );
      expect(list.body.items.map((i: { title: string }) => i.title)).toEqual([
        'By the admin',
      ]);
    });

    it('lets only the owner team save versions, and not move a runbook to another team', async () => {
      const created = (
        await call(
          'post',
          storefront.member,
          '/runbooks',
          runbookOf(storefront, 'Cart down'),
        )
      ).body;
      const edit = { ...runbookOf(storefront, 'Cart down!'), version: 1 };
      const foreign = await call(
        'put',
        payments.member,
        `/runbooks/${created.id}`,
        edit,
      );
      expect(foreign.status).toBe(403);
      const moved = await call(
        'put',
        storefront.member,
        `/runbooks/${created.id}`,
        { ...edit, ownerRef: payments.group },
      );
      expect(moved.status).toBe(403);
      const own = await call(
        'put',
        storefront.member,
        `/runbooks/${created.id}`,
        edit,
      );
      expect(own.status).toBe(200);
      expect(own.body.version).toBe(2);
      // Everyone signed in reads it and its history.
      const history = await call(
        'get',
        payments.member,
        `/runbooks/${created.id}/versions`,
      );
      expect(
        history.body.items.map((v: { version: number }) => v.version),
      ).toEqual([2, 1]);
    });

    it("ticks steps of an incident's runbooks with the right to change the incident", async () => {
      const runbook = (
        await call(
          'post',
          storefront.member,
          '/runbooks',
          runbookOf(storefront, 'Cart slow'),
        )
      ).body;
      const incident = (
        await call('post', storefront.member, '/incidents', {
          title: 'Cart is slow',
          severity: 'SEV3',
          entityRefs: [storefront.service],
        })
      ).body;
      const tick = {
        runbookId: runbook.id,
        version: 1,
        stepId: runbook.steps[0].id,
        done: true,
      };
      const outsider = await call(
        'post',
        payments.member,
        `/incidents/${incident.ref}/runbook-steps`,
        tick,
      );
      expect(outsider.status).toBe(403);
      const owner = await call(
        'post',
        storefront.member,
        `/incidents/${incident.ref}/runbook-steps`,
        tick,
      );
      expect(owner.status).toBe(201);
      const shown = await call(
        'get',
        payments.member,
        `/incidents/${incident.ref}/runbooks`,
      );
      expect(shown.status).toBe(200);
      expect(
        shown.body.items.find((i: { id?: string }) => i.id === runbook.id)
          .steps[0].done,
      ).toBe(true);
    });
  },
);
