/* eslint-disable no-script-url -- some tests are that script URLs are refused */
import { Knex } from 'knex';
import {
  callApi,
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const ledger = 'component:default/ledger';
const paymentsApi = 'component:default/payments-api';

const newRunbook = {
  title: 'Payments failing',
  body: 'Start with the **dashboard**.',
  ownerRef: 'group:default/payments',
  entityRefs: [paymentsApi],
  steps: [
    { title: 'Check the dashboard', url: 'https://grafana.example.com/p' },
    { title: 'Roll back', body: 'Use `deploy rollback`.' },
  ],
};

describe.each(databases.eachSupportedId())('runbooks API on %s', id => {
  let knex: Knex;
  let server: FirebreakTestBackend['server'];
  let sent: FirebreakTestBackend['sent'];

  beforeAll(async () => {
    knex = await databases.init(id);
    ({ server, sent } = await startFirebreak({ knex }));
  });

  const call = (
    method: 'get' | 'post' | 'put',
    path: string,
    body?: object,
    user = users.alice,
  ) => callApi(server, method, path, body, user);

  const versionRows = async (runbookId: string) =>
    Number(
      (
        await knex('firebreak_runbook_versions')
          .where({ runbook_id: runbookId })
          .count({ count: '*' })
      )[0].count,
    );

  it('stores a runbook as version 1, numbering its steps, and signals it', async () => {
    const res = await call('post', '/runbooks', newRunbook);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'Payments failing',
      body: 'Start with the **dashboard**.',
      ownerRef: 'group:default/payments',
      entityRefs: [paymentsApi],
      severities: [],
      version: 1,
      latestVersion: 1,
      createdBy: users.alice,
      steps: [
        {
          id: 's1',
          title: 'Check the dashboard',
          url: 'https://grafana.example.com/p',
        },
        { id: 's2', title: 'Roll back', body: 'Use `deploy rollback`.' },
      ],
    });
    expect(sent.signals).toContainEqual({
      recipients: { type: 'broadcast' },
      channel: 'firebreak:runbooks',
      message: {
        kind: 'created',
        runbookId: res.body.id,
        version: 1,
        entityRefs: [paymentsApi],
      },
    });
  });

  it('saves each edit as a new version, keeps step ids, never reuses one, and keeps the history', async () => {
    const created = (await call('post', '/runbooks', newRunbook)).body;
    const v2 = await call('put', `/runbooks/${created.id}`, {
      ...newRunbook,
      version: 1,
      title: 'Payments failing or slow',
      // s1 is dropped, s2 kept, one step added.
      steps: [{ id: 's2', title: 'Roll back now' }, { title: 'Tell checkout' }],
    });
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe(2);
    expect(v2.body.steps).toEqual([
      { id: 's2', title: 'Roll back now' },
      { id: 's3', title: 'Tell checkout' },
    ]);
    const v3 = await call('put', `/runbooks/${created.id}`, {
      ...newRunbook,
      version: 2,
      steps: [{ title: 'Start over' }],
    });
    expect(v3.body.steps).toEqual([{ id: 's4', title: 'Start over' }]);

    const history = await call('get', `/runbooks/${created.id}/versions`);
    expect(history.body.items.map((v: any) => [v.version, v.title])).toEqual([
      [3, 'Payments failing'],
      [2, 'Payments failing or slow'],
      [1, 'Payments failing'],
    ]);
    const first = await call('get', `/runbooks/${created.id}?version=1`);
    expect(first.body).toEqual({ ...created, latestVersion: 3 });
    const second = await call('get', `/runbooks/${created.id}/versions/2`);
    expect(second.body.title).toBe('Payments failing or slow');
    expect(second.body.latestVersion).toBe(3);
    expect((await call('get', `/runbooks/${created.id}`)).body.version).toBe(3);
    expect(
      (await call('get', `/runbooks/${created.id}/versions/9`)).status,
    ).toBe(404);
    const badVersion = await call('get', `/runbooks/${created.id}?version=x`);
    expect(badVersion.status).toBe(400);
    expect(badVersion.body.error.message).toMatch(/^version: /);
  });

  it('answers 409 to a save based on an old version and writes nothing', async () => {
    const created = (await call('post', '/runbooks', newRunbook)).body;
    const edit = { ...newRunbook, version: 1, title: 'First edit' };
    expect((await call('put', `/runbooks/${created.id}`, edit)).status).toBe(
      200,
    );
    const stale = await call('put', `/runbooks/${created.id}`, {
      ...edit,
      title: 'Second edit on version 1',
    });
    expect(stale.status).toBe(409);
    expect(await versionRows(created.id)).toBe(2);
    expect((await call('get', `/runbooks/${created.id}`)).body.title).toBe(
      'First edit',
    );
  });

  it('lets one of two saves on the same version win, the other get 409', async () => {
    const created = (await call('post', '/runbooks', newRunbook)).body;
    const saves = await Promise.all(
      ['Mine', 'Theirs'].map(title =>
        call('put', `/runbooks/${created.id}`, {
          ...newRunbook,
          version: 1,
          title,
        }),
      ),
    );
    expect(saves.map(r => r.status).sort()).toEqual([200, 409]);
    expect(await versionRows(created.id)).toBe(2);
    const winner = saves.find(r => r.status === 200)!.body.title;
    expect((await call('get', `/runbooks/${created.id}`)).body.title).toBe(
      winner,
    );
  });

  it.each([
    [
      { steps: [{ title: 'Open', url: 'javascript:alert(1)' }] },
      'steps[0].url: must be an http or https URL',
    ],
    [
      { steps: [{ title: 'a' }, { title: 'Open', url: 'ftp://x.example' }] },
      'steps[1].url: must be an http or https URL',
    ],
    [{ title: ' ' }, 'title: must not be empty'],
    [{ entityRefs: [] }, 'entityRefs: name at least one entity'],
    [
      { entityRefs: [paymentsApi, 'component:default/nope'] },
      "entityRefs[1]: 'component:default/nope' is not in the catalog",
    ],
    [{ entityRefs: ['group:default/payments'] }, 'entityRefs[0]: '],
    [{ ownerRef: 'user:default/alice' }, 'ownerRef: '],
    [
      { ownerRef: 'group:default/nobody' },
      "ownerRef: 'group:default/nobody' is not in the catalog",
    ],
    [
      { severities: ['SEV1', 'SEV9'] },
      "severities[1]: 'SEV9' is not a severity",
    ],
    [{ steps: [{ id: 's1', title: 'x' }] }, 'steps[0].id: '],
    [{ colour: 'red' }, 'body: '],
  ])(
    'refuses %j with 400 naming the field, storing nothing',
    async (change, message) => {
      const before = await knex('firebreak_runbooks').count({ count: '*' });
      const res = await call('post', '/runbooks', { ...newRunbook, ...change });
      expect(res.status).toBe(400);
      expect(res.body.error.message.startsWith(message)).toBe(true);
      expect(await knex('firebreak_runbooks').count({ count: '*' })).toEqual(
        before,
      );
    },
  );

  it('refuses a save naming a step id its version does not have', async () => {
    const created = (await call('post', '/runbooks', newRunbook)).body;
    const res = await call('put', `/runbooks/${created.id}`, {
      ...newRunbook,
      version: 1,
      steps: [
        { id: 's1', title: 'Kept' },
        { id: 's7', title: 'Invented' },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^steps\[1\]\.id: 's7'/);
    expect(await versionRows(created.id)).toBe(1);
  });

  it('answers 404 for unknown runbooks', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect((await call('get', `/runbooks/${unknown}`)).status).toBe(404);
    expect((await call('get', `/runbooks/nope/versions`)).status).toBe(404);
    expect(
      (await call('put', `/runbooks/${unknown}`, { ...newRunbook, version: 1 }))
        .status,
    ).toBe(404);
  });

  it("lists an entity's runbooks from its annotation, its links and the store, http(s) only", async () => {
    const all = (
      await call('post', '/runbooks', {
        ...newRunbook,
        title: 'Ledger behind',
        entityRefs: [ledger],
      })
    ).body;
    const sev1 = (
      await call('post', '/runbooks', {
        ...newRunbook,
        title: 'Ledger down',
        entityRefs: [ledger, paymentsApi],
        severities: ['SEV1'],
      })
    ).body;
    const res = await call(
      'get',
      `/runbooks?entityRef=${ledger}`,
      undefined,
      users.viewer,
    );
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual([
      {
        source: 'annotation',
        title: 'wiki.example.com/ledger',
        url: 'https://wiki.example.com/ledger',
      },
      {
        source: 'annotation',
        title: 'wiki.example.com/ledger/db',
        url: 'https://wiki.example.com/ledger/db',
      },
      {
        source: 'link',
        title: 'Ledger runbook',
        url: 'https://runbooks.example.com/ledger',
      },
      {
        source: 'stored',
        title: 'Ledger behind',
        id: all.id,
        version: 1,
        ownerRef: 'group:default/payments',
        severities: [],
      },
      {
        source: 'stored',
        title: 'Ledger down',
        id: sev1.id,
        version: 1,
        ownerRef: 'group:default/payments',
        severities: ['SEV1'],
      },
    ]);
    expect(JSON.stringify(res.body)).not.toMatch(/javascript/i);

    const forSev3 = await call(
      'get',
      `/runbooks?entityRef=${ledger}&severity=SEV3`,
    );
    expect(
      forSev3.body.items
        .filter((i: any) => i.source === 'stored')
        .map((i: any) => i.title),
    ).toEqual(['Ledger behind']);
    const badSeverity = await call(
      'get',
      `/runbooks?entityRef=${ledger}&severity=SEV9`,
    );
    expect(badSeverity.status).toBe(400);
    expect(badSeverity.body.error.message).toMatch(/^severity: /);
    expect((await call('get', '/runbooks')).body.error.message).toBe(
      'entityRef: is required',
    );
  });

  it('follows a runbook moved to other entities', async () => {
    const created = (
      await call('post', '/runbooks', { ...newRunbook, title: 'Moving' })
    ).body;
    await call('put', `/runbooks/${created.id}`, {
      ...newRunbook,
      title: 'Moving',
      version: 1,
      entityRefs: ['component:default/cart'],
    });
    const titles = async (ref: string) =>
      (await call('get', `/runbooks?entityRef=${ref}`)).body.items.map(
        (i: any) => i.title,
      );
    expect(await titles(paymentsApi)).not.toContain('Moving');
    expect(await titles('component:default/cart')).toContain('Moving');
  });
});
