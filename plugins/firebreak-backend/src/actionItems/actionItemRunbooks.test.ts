import { call, resolvedIncident } from '../__testUtils__/actionItemRequests';
import { startFirebreak, users } from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const UNKNOWN = '00000000-0000-4000-8000-000000000000';

describe.each(databases.eachSupportedId())(
  'action items that update a runbook on %s',
  id => {
    it('point at a stored runbook that exists, are listed by it, and can let go of it', async () => {
      const knex = await databases.init(id);
      const { server, backend } = await startFirebreak({ knex });
      const incident = await resolvedIncident(server);
      const runbook = await call(server, 'post', '/runbooks', {
        title: 'Payments failing',
        body: 'Start with the dashboard.',
        ownerRef: 'group:default/payments',
        entityRefs: ['component:default/payments-api'],
      });
      expect(runbook.status).toBe(201);
      const item = (runbookId?: string) => ({
        title: 'Update runbook: Payments failing',
        type: 'process',
        priority: 'P2',
        ownerRef: 'alice',
        ownerGroupRef: 'group:default/payments',
        incidentRef: incident.ref,
        ...(runbookId === undefined ? {} : { runbookId }),
      });

      const created = await call(
        server,
        'post',
        '/action-items',
        // Ids are matched whatever their case.
        item(runbook.body.id.toUpperCase()),
      );
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        type: 'process',
        ownerGroupRef: 'group:default/payments',
        runbookId: runbook.body.id,
      });
      await call(server, 'post', '/action-items', item());

      for (const wrong of [UNKNOWN, 'not-a-runbook']) {
        const refused = await call(
          server,
          'post',
          '/action-items',
          item(wrong),
        );
        expect(refused.status).toBe(400);
        expect(refused.body.error.message).toBe(
          `runbookId: no runbook ${wrong}`,
        );
      }
      const tooLong = await call(
        server,
        'post',
        '/action-items',
        item('x'.repeat(37)),
      );
      expect(tooLong.status).toBe(400);
      expect(tooLong.body.error.message).toMatch(/^runbookId: /);
      expect(await knex('firebreak_action_items')).toHaveLength(2);

      const listed = await call(
        server,
        'get',
        `/action-items?runbookId=${runbook.body.id}`,
      );
      expect(listed.body.items.map((i: any) => i.id)).toEqual([
        created.body.id,
      ]);

      const path = `/action-items/${created.body.id}`;
      const stale = await call(server, 'patch', path, {
        version: 1,
        runbookId: UNKNOWN,
      });
      expect(stale.status).toBe(400);
      expect(stale.body.error.message).toBe(`runbookId: no runbook ${UNKNOWN}`);
      const cleared = await call(server, 'patch', path, {
        version: 1,
        runbookId: null,
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body.runbookId).toBeUndefined();
      expect(
        (
          await call(
            server,
            'get',
            `/action-items?runbookId=${runbook.body.id}`,
          )
        ).body.items,
      ).toEqual([]);
      await backend.stop();
    });

    it('lets only people who may read runbooks point an item at one', async () => {
      const knex = await databases.init(id);
      const { server, backend } = await startFirebreak({
        knex,
        // Bob may do anything but read runbooks.
        deny: asked =>
          asked.user === users.bob &&
          asked.permission === 'firebreak.runbook.read',
      });
      const incident = await resolvedIncident(server);
      const runbook = await call(server, 'post', '/runbooks', {
        title: 'Payments failing',
        body: 'Start with the dashboard.',
        ownerRef: 'group:default/payments',
        entityRefs: ['component:default/payments-api'],
      });
      const item = {
        title: 'Update runbook: Payments failing',
        priority: 'P2',
        ownerRef: 'bob',
        incidentRef: incident.ref,
      };
      const denied = await call(
        server,
        'post',
        '/action-items',
        { ...item, runbookId: runbook.body.id },
        users.bob,
      );
      expect(denied.status).toBe(403);
      expect(await knex('firebreak_action_items')).toEqual([]);
      expect(
        (await call(server, 'post', '/action-items', item, users.bob)).status,
      ).toBe(201);
      await backend.stop();
    });
  },
);
