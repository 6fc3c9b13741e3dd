import { Knex } from 'knex';
import {
  callApi,
  startFirebreak,
  tickingClock,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { postmortemRequests } from '../__testUtils__/postmortemRequests';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const paymentsApi = 'component:default/payments-api';

describe.each(databases.eachSupportedId())(
  'the runbooks a postmortem records on %s',
  id => {
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(id);
    });

    it('lists the runbook versions ticked, in the export too, and keeps them once published', async () => {
      // The clock moves a second on every reading: ticks after publishing come after it.
      const { server } = await startFirebreak({
        knex,
        now: tickingClock('2026-06-03T12:00:00.000Z'),
      });
      const pm = postmortemRequests(server);
      const call = (method: 'post' | 'put', path: string, body: object) =>
        callApi(server, method, path, body);
      const runbook = {
        title: 'Payments failover',
        ownerRef: 'group:default/payments',
        entityRefs: [paymentsApi],
        steps: [
          { title: 'Drain the queue' },
          { title: 'Fail over' },
          { title: 'Tell support' },
        ],
      };
      const { body: v1 } = await call('post', '/runbooks', runbook);
      const incident = await pm.declare({
        title: 'Card payments fail',
        severity: 'SEV3',
        entityRefs: [paymentsApi],
      });
      const tick = (version: number, stepId: string, done = true) =>
        call('post', `/incidents/${incident.ref}/runbook-steps`, {
          runbookId: v1.id,
          version,
          stepId,
          done,
        });
      expect((await tick(1, 's1')).status).toBe(201);
      await tick(1, 's2');
      await tick(1, 's2', false);
      const { body: created } = await pm.start(incident.id);
      expect(created.runbooksUsed).toEqual([
        {
          runbookId: v1.id,
          title: 'Payments failover',
          version: 1,
          stepsTicked: 1,
        },
      ]);

      // A new version, used too: a draft shows what the timeline says now.
      await call('put', `/runbooks/${v1.id}`, {
        ...runbook,
        steps: v1.steps,
        version: 1,
        title: 'Payments failover (EU)',
      });
      expect((await tick(2, 's3')).status).toBe(201);
      const draft = await pm.get(created.id);
      expect(
        draft.body.runbooksUsed.map((r: any) => [r.title, r.version]),
      ).toEqual([
        ['Payments failover', 1],
        ['Payments failover (EU)', 2],
      ]);
      const markdown = (await pm.exportMarkdown(created.id)).text;
      expect(markdown).toContain(
        '## Runbooks used\n\n- Payments failover, version 1: 1 step ticked\n- Payments failover (EU), version 2: 1 step ticked\n',
      );

      // A starred tick reads as a sentence in the export.
      const [firstTick] = draft.body.timeline.filter(
        (e: any) => e.type === 'runbook_step',
      );
      await pm.patch(created.id, {
        version: 1,
        starredEventIds: [firstTick.id],
      });
      expect((await pm.exportMarkdown(created.id)).text).toContain(
        `| Ticked 'Drain the queue' in Payments failover (v1) | ${users.alice} |`,
      );

      await pm.patch(created.id, { version: 2, status: 'in_review' });
      await pm.approve(created.id, 3, users.bob);
      const published = await pm.patch(created.id, {
        version: 4,
        status: 'published',
      });
      expect(published.status).toBe(200);

      // Afterwards the runbook moves on and someone ticks more: the postmortem says the same.
      await call('put', `/runbooks/${v1.id}`, {
        ...runbook,
        steps: v1.steps,
        version: 2,
        title: 'Payments failover v3',
      });
      expect((await tick(3, 's1')).status).toBe(201);
      expect((await tick(2, 's1')).status).toBe(201);
      const later = await pm.get(created.id);
      expect(later.body.runbooksUsed).toEqual(published.body.runbooksUsed);
      expect(later.body.runbooksUsed).toEqual(draft.body.runbooksUsed);
      expect((await pm.exportMarkdown(created.id)).text).toContain(
        '- Payments failover (EU), version 2: 1 step ticked\n',
      );
      // The ticks the page lists are the incident's, later ones included.
      expect(
        later.body.timeline.filter((e: any) => e.type === 'runbook_step'),
      ).toHaveLength(6);
    });
  },
);
