import { Knex } from 'knex';
import {
  callApi,
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { declare, sev2 } from '../__testUtils__/incidentRequests';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const ledger = 'component:default/ledger';
const paymentsApi = 'component:default/payments-api';
const NOW = new Date('2026-06-03T12:00:00.000Z');

describe.each(databases.eachSupportedId())('incident runbooks on %s', id => {
  let knex: Knex;
  let server: FirebreakTestBackend['server'];
  let sent: FirebreakTestBackend['sent'];

  beforeAll(async () => {
    knex = await databases.init(id);
    ({ server, sent } = await startFirebreak({ knex, now: () => NOW }));
  });

  const call = (
    method: 'get' | 'post' | 'put' | 'patch',
    path: string,
    body?: object,
    user = users.alice,
  ) => callApi(server, method, path, body, user);

  const store = async (
    title: string,
    entityRefs: string[],
    severities: string[] = [],
  ) =>
    (
      await call('post', '/runbooks', {
        title,
        ownerRef: 'group:default/payments',
        entityRefs,
        severities,
        steps: [{ title: `${title}: look` }, { title: `${title}: act` }],
      })
    ).body;

  const titlesOf = async (ref: string) =>
    (await call('get', `/incidents/${ref}/runbooks`)).body.items.map(
      (item: any) => `${item.source}:${item.title}`,
    );

  it("follows the incident's entities and severity", async () => {
    await store('Any payments', [paymentsApi]);
    await store('Payments SEV1', [paymentsApi], ['SEV1']);
    await store('Ledger', [ledger]);
    const incident = (await declare(server, sev2)).body;

    expect(await titlesOf(incident.ref)).toEqual(['stored:Any payments']);

    const raised = await call('patch', `/incidents/${incident.id}`, {
      version: incident.version,
      severity: 'SEV1',
    });
    expect(await titlesOf(incident.ref)).toEqual([
      'stored:Any payments',
      'stored:Payments SEV1',
    ]);

    await call('patch', `/incidents/${incident.id}`, {
      version: raised.body.version,
      entityRefs: [paymentsApi, ledger],
    });
    const res = await call(
      'get',
      `/incidents/${incident.ref}/runbooks`,
      undefined,
      users.viewer,
    );
    expect(res.status).toBe(200);
    expect(res.body.severity).toBe('SEV1');
    expect(
      res.body.items.map((i: any) => [i.source, i.title, i.entityRefs]),
    ).toEqual([
      ['annotation', 'wiki.example.com/ledger', [ledger]],
      ['annotation', 'wiki.example.com/ledger/db', [ledger]],
      ['link', 'Ledger runbook', [ledger]],
      ['stored', 'Any payments', [paymentsApi]],
      ['stored', 'Ledger', [ledger]],
      ['stored', 'Payments SEV1', [paymentsApi]],
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/javascript/i);
  });

  it('records ticks on the timeline with who, when, which step and which version', async () => {
    const runbook = await store('Tickable', [paymentsApi]);
    const incident = (await declare(server, sev2)).body;
    sent.signals.length = 0;

    const tick = await call(
      'post',
      `/incidents/${incident.ref}/runbook-steps`,
      { runbookId: runbook.id, version: 1, stepId: 's1', done: true },
    );
    expect(tick.status).toBe(201);
    expect(tick.body).toMatchObject({
      incidentId: incident.id,
      type: 'runbook_step',
      actorRef: users.alice,
      at: NOW.toISOString(),
      data: {
        runbookId: runbook.id,
        runbookTitle: 'Tickable',
        version: 1,
        stepId: 's1',
        stepTitle: 'Tickable: look',
        done: true,
      },
    });
    const timeline = await call('get', `/incidents/${incident.id}/timeline`);
    expect(timeline.body.items).toContainEqual(tick.body);
    expect(sent.signals).toContainEqual(
      expect.objectContaining({
        channel: `firebreak:incident:${incident.id}`,
        message: expect.objectContaining({ kind: 'timeline' }),
      }),
    );

    // A new version keeps s1; unticking it on that version shows who and which version.
    await call('put', `/runbooks/${runbook.id}`, {
      title: 'Tickable',
      ownerRef: 'group:default/payments',
      entityRefs: [paymentsApi],
      version: 1,
      steps: [{ id: 's1', title: 'Tickable: look closer' }, { title: 'New' }],
    });
    const stepsOf = async () =>
      (
        await call('get', `/incidents/${incident.ref}/runbooks`)
      ).body.items.find((i: any) => i.id === runbook.id);
    let shown = await stepsOf();
    expect(shown.version).toBe(2);
    expect(shown.steps).toEqual([
      {
        id: 's1',
        title: 'Tickable: look closer',
        done: true,
        lastTick: {
          done: true,
          actorRef: users.alice,
          at: NOW.toISOString(),
          version: 1,
        },
      },
      { id: 's3', title: 'New', done: false },
    ]);

    await call(
      'post',
      `/incidents/${incident.ref}/runbook-steps`,
      { runbookId: runbook.id, version: 2, stepId: 's1', done: false },
      users.bob,
    );
    shown = await stepsOf();
    expect(shown.steps[0]).toMatchObject({
      done: false,
      lastTick: { done: false, actorRef: users.bob, version: 2 },
    });
  });

  it.each([
    [
      { stepId: 's3' },
      400,
      /^stepId: version 1 of the runbook has no step 's3'/,
    ],
    [{ version: 4 }, 400, /^version: /],
    [{ done: 'yes' }, 400, /^done: /],
    [{ runbookId: '00000000-0000-4000-8000-000000000000' }, 404, /No runbook/],
  ])(
    'refuses a tick %j and records nothing',
    async (change, status, message) => {
      const runbook = await store('Strict', [paymentsApi]);
      const incident = (await declare(server, sev2)).body;
      const res = await call(
        'post',
        `/incidents/${incident.ref}/runbook-steps`,
        {
          runbookId: runbook.id,
          version: 1,
          stepId: 's1',
          done: true,
          ...change,
        },
      );
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      const events = await knex('firebreak_timeline_events').where({
        incident_id: incident.id,
        type: 'runbook_step',
      });
      expect(events).toEqual([]);
    },
  );

  it('refuses a runbook of other entities, and ticks from someone who may not change the incident', async () => {
    const other = await store('Cart only', ['component:default/cart']);
    const own = await store('Own', [paymentsApi]);
    const incident = (await declare(server, sev2)).body;
    const foreign = await call(
      'post',
      `/incidents/${incident.ref}/runbook-steps`,
      {
        runbookId: other.id,
        version: 1,
        stepId: 's1',
        done: true,
      },
    );
    expect(foreign.status).toBe(400);
    expect(foreign.body.error.message).toMatch(/^runbookId: /);
    const denied = await call(
      'post',
      `/incidents/${incident.ref}/runbook-steps`,
      { runbookId: own.id, version: 1, stepId: 's1', done: true },
      users.viewer,
    );
    expect(denied.status).toBe(403);
    expect(
      await knex('firebreak_timeline_events').where({
        incident_id: incident.id,
        type: 'runbook_step',
      }),
    ).toEqual([]);
    expect((await call('get', '/incidents/INC-999/runbooks')).status).toBe(404);
  });
});
