import { Knex } from 'knex';
import request from 'supertest';
import { call, resolvedIncident } from '../__testUtils__/actionItemRequests';
import { startFirebreak, users } from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const DAY = 24 * 60 * 60 * 1000;
const RESOLVED = Date.parse('2026-10-01T12:00:00.000Z');

describe.each(databases.eachSupportedId())('action items API on %s', id => {
  let knex: Knex;
  let clock: number;
  beforeEach(async () => {
    knex = await databases.init(id);
    clock = RESOLVED;
  });
  const start = () => startFirebreak({ knex, now: () => new Date(clock) });

  it('creates items with defaults from the incident, the catalog and the configured due days', async () => {
    const { server, sent } = await start();
    const sev2 = await resolvedIncident(server);
    const sev1 = await resolvedIncident(server, 'SEV1');
    clock += 3 * DAY;

    const p1 = await call(server, 'post', '/action-items', {
      title: 'Alert on pool saturation',
      priority: 'P1',
      ownerRef: 'alice',
      incidentRef: sev2.ref,
      ticketUrl: 'https://tracker.example/ISSUE-1',
    });
    expect(p1.status).toBe(201);
    expect(p1.body).toMatchObject({
      title: 'Alert on pool saturation',
      description: '',
      type: 'prevent',
      priority: 'P1',
      status: 'open',
      ownerRef: users.alice,
      ownerGroupRef: 'group:default/payments',
      entityRef: 'component:default/payments-api',
      incidentId: sev2.id,
      incidentRef: sev2.ref,
      // 30 days after the SEV2 was resolved, not after the item was made.
      dueAt: new Date(RESOLVED + 30 * DAY).toISOString(),
      overdue: false,
      ticketUrl: 'https://tracker.example/ISSUE-1',
      creatorRef: users.alice,
      version: 1,
    });

    const fromSev1 = await call(server, 'post', '/action-items', {
      title: 'Add a circuit breaker',
      priority: 'P0',
      ownerRef: 'group:default/storefront',
      incidentRef: sev1.id,
    });
    expect(fromSev1.body.dueAt).toBe(
      new Date(RESOLVED + 15 * DAY).toISOString(),
    );
    // A group owner owes it itself.
    expect(fromSev1.body.ownerGroupRef).toBe('group:default/storefront');

    const annotated = await call(server, 'post', '/action-items', {
      title: 'Retry invoices',
      priority: 'P1',
      ownerRef: 'alice',
      entityRef: 'component:default/billing',
      incidentRef: sev2.ref,
    });
    expect(annotated.body.dueAt).toBe(
      new Date(RESOLVED + 7 * DAY).toISOString(),
    );

    const noTarget = await call(server, 'post', '/action-items', {
      title: 'Tidy the dashboards',
      priority: 'P3',
      ownerRef: 'alice',
      incidentRef: sev2.ref,
    });
    expect(noTarget.body.dueAt).toBeUndefined();

    expect(
      sent.signals.filter(s => s.channel === 'firebreak:action-items'),
    ).toHaveLength(4);
    const stored = await knex('firebreak_action_items').count({ n: '*' });
    expect(Number(stored[0].n)).toBe(4);
  });

  it.each([
    // eslint-disable-next-line no-script-url -- the test is that it is refused
    [{ ticketUrl: 'javascript:alert(1)' }, /^ticketUrl: must be an http/],
    [{ title: '  ' }, /^title: must not be empty/],
    [{ priority: 'P9' }, /^priority: /],
    [{ ownerRef: 'component:default/ledger' }, /^ownerRef: .* is a component/],
    [
      { ownerRef: 'user:default/nobody' },
      /^ownerRef: .* is not in the catalog/,
    ],
    [{ incidentRef: 'INC-999' }, /^incidentRef: no incident INC-999/],
    [
      { entityRef: 'component:default/ghost' },
      /^entityRef: .* not in the catalog/,
    ],
    [{ entityRef: 'user:default/bob' }, /^entityRef: .* is a user/],
    [{ dueAt: '2026-13-01T00:00:00Z' }, /^dueAt: /],
    [{ extra: 1 }, /extra/],
  ])(
    'refuses %j with 400 naming the field, writing nothing',
    async (change, message) => {
      const { server } = await start();
      const incident = await resolvedIncident(server);
      const res = await call(server, 'post', '/action-items', {
        title: 'Alert on pool saturation',
        priority: 'P1',
        ownerRef: 'alice',
        incidentRef: incident.ref,
        ...change,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
      expect(await knex('firebreak_action_items')).toEqual([]);
    },
  );

  it('moves through its statuses against its version', async () => {
    const { server } = await start();
    const incident = await resolvedIncident(server);
    const created = (
      await call(server, 'post', '/action-items', {
        title: 'Alert on pool saturation',
        priority: 'P1',
        ownerRef: 'alice',
        incidentRef: incident.ref,
      })
    ).body;
    const path = `/action-items/${created.id}`;

    const started = await call(server, 'patch', path, {
      version: 1,
      status: 'in_progress',
    });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ status: 'in_progress', version: 2 });

    const stale = await call(server, 'patch', path, {
      version: 1,
      title: 'Someone else edits',
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^version: /);

    const noReason = await call(server, 'patch', path, {
      version: 2,
      status: 'wont_do',
    });
    expect(noReason.status).toBe(400);
    expect(noReason.body.error.message).toMatch(/^wontDoReason: is required/);

    clock += DAY;
    const done = await call(server, 'patch', path, {
      version: 2,
      status: 'done',
    });
    expect(done.body).toMatchObject({
      status: 'done',
      completedAt: new Date(clock).toISOString(),
      version: 3,
    });
    const backwards = await call(server, 'patch', path, {
      version: 3,
      status: 'in_progress',
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.message).toMatch(
      /^status: .*only move to open/,
    );

    const reopened = await call(server, 'patch', path, {
      version: 3,
      status: 'open',
    });
    expect(reopened.body.completedAt).toBeUndefined();
    const dropped = await call(server, 'patch', path, {
      version: 4,
      status: 'wont_do',
      wontDoReason: 'The new pool replaces it',
      ticketUrl: null,
    });
    expect(dropped.body).toMatchObject({
      status: 'wont_do',
      wontDoReason: 'The new pool replaces it',
      version: 5,
    });
    expect((await call(server, 'get', path)).body).toEqual(dropped.body);

    const evil = await call(server, 'patch', path, {
      version: 5,
      ticketUrl: 'data:text/html,hi',
    });
    expect(evil.status).toBe(400);
    expect(evil.body.error.message).toMatch(/^ticketUrl: /);
  });

  it('answers 404 for unknown items, 401 without credentials, 403 when not permitted', async () => {
    const { server } = await start();
    const incident = await resolvedIncident(server);
    const body = {
      title: 'Alert on pool saturation',
      priority: 'P1',
      ownerRef: 'alice',
      incidentRef: incident.ref,
    };
    const item = (await call(server, 'post', '/action-items', body)).body;
    expect((await call(server, 'get', '/action-items/nope')).status).toBe(404);
    expect(
      (await call(server, 'patch', '/action-items/nope', { version: 1 }))
        .status,
    ).toBe(404);
    expect(
      (await request(server).get('/api/firebreak/action-items')).status,
    ).toBe(401);
    // The viewer may read but not write; mallory may do nothing.
    expect(
      (
        await call(
          server,
          'get',
          `/action-items/${item.id}`,
          undefined,
          users.viewer,
        )
      ).status,
    ).toBe(200);
    expect(
      (await call(server, 'post', '/action-items', body, users.viewer)).status,
    ).toBe(403);
    expect(
      (
        await call(
          server,
          'patch',
          `/action-items/${item.id}`,
          { version: 1, status: 'done' },
          users.viewer,
        )
      ).status,
    ).toBe(403);
    expect(
      (await call(server, 'get', '/action-items', undefined, users.mallory))
        .status,
    ).toBe(403);
  });

  it('lists by owner (a group with its members), entity, status and overdue, overdue first', async () => {
    const { server } = await start();
    const incident = await resolvedIncident(server);
    const make = async (title: string, ownerRef: string, dueInDays?: number) =>
      (
        await call(server, 'post', '/action-items', {
          title,
          priority: 'P2',
          ownerRef,
          // Without it a user's item is owed by the entity's owner, payments.
          ...(ownerRef === 'bob'
            ? { ownerGroupRef: 'group:default/storefront' }
            : {}),
          incidentRef: incident.ref,
          ...(dueInDays === undefined
            ? {}
            : { dueAt: new Date(clock + dueInDays * DAY).toISOString() }),
        })
      ).body;
    const late = await make('Late, by alice', 'alice', 1);
    const soon = await make('Soon, by alice', 'alice', 5);
    const team = await make('The team owes it', 'group:default/payments', 3);
    const bobs = await make('Bob owes it', 'bob', 2);
    const someday = await make('Someday, by alice', 'alice');
    await call(server, 'patch', `/action-items/${soon.id}`, {
      version: 1,
      status: 'done',
    });
    clock += 2 * DAY;

    const titles = async (query: string) => {
      const res = await call(server, 'get', `/action-items?${query}`);
      expect(res.status).toBe(200);
      return res.body.items.map((i: any) => i.title);
    };
    // Alice's team card: what the group and its members owe; bob's item, owed by storefront,
    // is not the payments team's even though it is about payments' entity.
    expect(await titles('ownerRef=group:default/payments')).toEqual([
      late.title,
      team.title,
      someday.title,
      soon.title,
    ]);
    expect(await titles('ownerRef=user:default/bob')).toEqual([bobs.title]);
    expect(await titles('overdue=true')).toEqual([late.title]);
    expect(
      (await call(server, 'get', '/action-items?overdue=true')).body.items[0]
        .overdue,
    ).toBe(true);
    expect(await titles('status=done')).toEqual([soon.title]);
    expect(
      await titles(
        'entityRef=Component:default/payments-api&status=open,in_progress',
      ),
    ).toEqual([late.title, bobs.title, team.title, someday.title]);
    // A system's page shows the items of its parts, a team's those of what it owns.
    const onCheckout = await call(server, 'post', '/action-items', {
      title: 'Checkout retries',
      priority: 'P3',
      ownerRef: 'bob',
      entityRef: 'component:default/checkout',
      incidentRef: incident.ref,
    });
    expect(onCheckout.body.ownerGroupRef).toBe('group:default/storefront');
    expect(await titles('entityRef=system:default/shop')).toEqual([
      'Checkout retries',
    ]);
    expect(await titles('entityRef=group:default/storefront')).toEqual([
      'Checkout retries',
    ]);
    await call(server, 'patch', `/action-items/${onCheckout.body.id}`, {
      version: 1,
      status: 'wont_do',
      wontDoReason: 'Covered by the new client',
    });
    expect(await titles(`incidentRef=${incident.ref}&ownerRef=alice`)).toEqual([
      late.title,
      someday.title,
      soon.title,
    ]);

    // Pages of two cover everything once, in order.
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await call(
        server,
        'get',
        `/action-items?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((i: any) => i.title));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual(await titles(''));
    expect(seen).toHaveLength(6);

    const bad = await call(server, 'get', '/action-items?status=finished');
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^status/);
  });
});
