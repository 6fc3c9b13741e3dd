import { FirebreakTicketExporterError } from '@firebreak/backstage-plugin-node';
import { Knex } from 'knex';
import { call, resolvedIncident } from '../__testUtils__/actionItemRequests';
import { FakeTicketExporter } from '../__testUtils__/fakeTicketExporter';
import {
  AskedPermission,
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const NOW = Date.parse('2026-10-01T12:00:00.000Z');
const UPDATE = 'firebreak.action-item.update';

/** A tracker for every entity but billing, which lacks what it needs. */
const trackerFor = () =>
  new FakeTicketExporter({
    id: 'tracker',
    supports: entity => entity.metadata.name !== 'billing',
    entityRequirement: "a 'tracker.example/project' annotation",
  });

/** The test policy, plus: bob, of the storefront team, may not change payments' items. */
const denyBob = (check: AskedPermission) =>
  check.permission === UPDATE && check.user === users.bob;

describe.each(databases.eachSupportedId())('action item tickets on %s', id => {
  let knex: Knex;
  let tracker: FakeTicketExporter;
  let firebreak: FirebreakTestBackend;

  beforeEach(async () => {
    knex = await databases.init(id);
    tracker = trackerFor();
    // An exporter that supports nothing comes first: the first that supports the entity wins.
    const never = new FakeTicketExporter({
      id: 'never',
      supports: () => false,
    });
    firebreak = await startFirebreak({
      knex,
      now: () => new Date(NOW),
      ticketExporters: [never, tracker],
      deny: denyBob,
    });
  });

  const makeItem = async (extra: object = {}) => {
    const incident = await resolvedIncident(firebreak.server);
    const res = await call(firebreak.server, 'post', '/action-items', {
      title: 'Alert on pool saturation',
      description: 'Page before the pool runs dry.',
      priority: 'P1',
      ownerRef: 'alice',
      incidentRef: incident.ref,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const createTicket = (itemId: string, body: object, user = users.alice) =>
    call(
      firebreak.server,
      'post',
      `/action-items/${itemId}/ticket`,
      body,
      user,
    );
  const stored = async (itemId: string) =>
    (await call(firebreak.server, 'get', `/action-items/${itemId}`)).body;

  it('creates the ticket with the first exporter that supports the entity and links it, once', async () => {
    const item = await makeItem();
    const res = await createTicket(item.id, { version: 1 });
    expect(res.status).toBe(201);
    const url = 'https://tracker.example/tracker/FAKE-1';
    expect(res.body).toEqual({
      ...item,
      ticketUrl: url,
      ticket: { exporterId: 'tracker', externalId: 'FAKE-1', url },
      version: 2,
    });
    expect(await stored(item.id)).toEqual(res.body);
    expect(tracker.created).toEqual([
      expect.objectContaining({
        id: item.id,
        title: 'Alert on pool saturation',
        description: 'Page before the pool runs dry.',
        priority: 'P1',
        ownerRef: users.alice,
        ownerGroupRef: 'group:default/payments',
        entityRef: 'component:default/payments-api',
        incidentRef: item.incidentRef,
        incidentTitle: 'Card payments fail',
        url: `http://localhost:3000/firebreak/incidents/${item.incidentRef}`,
      }),
    ]);
    expect(firebreak.audits.at(-1)).toMatchObject({
      eventId: 'action-item-ticket-create',
      meta: { actionItem: item.id },
      outcome: 'success',
    });
    expect(firebreak.sent.signals.at(-2)).toMatchObject({
      channel: 'firebreak:action-items',
      message: { kind: 'updated', actionItemId: item.id, version: 2 },
    });

    const again = await createTicket(item.id, { version: 2 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(
      `Action item ${item.id} already has a ticket: ${url}`,
    );
    expect(tracker.created).toHaveLength(1);

    // Clearing the link unlinks the ticket; then the item may get a new one.
    const cleared = await call(
      firebreak.server,
      'patch',
      `/action-items/${item.id}`,
      { version: 2, ticketUrl: null },
    );
    expect(cleared.status).toBe(200);
    expect(cleared.body.ticketUrl).toBeUndefined();
    expect(cleared.body.ticket).toBeUndefined();
    const fresh = await createTicket(item.id, { version: 3 });
    expect(fresh.status).toBe(201);
    expect(fresh.body.ticket.externalId).toBe('FAKE-2');
    // A link put in its place by hand is just a link.
    const replaced = await call(
      firebreak.server,
      'patch',
      `/action-items/${item.id}`,
      { version: 4, ticketUrl: 'https://wiki.example/ELSEWHERE' },
    );
    expect(replaced.body).toMatchObject({
      ticketUrl: 'https://wiki.example/ELSEWHERE',
      version: 5,
    });
    expect(replaced.body.ticket).toBeUndefined();

    // A stale version, and an item linked by hand, are refused too.
    const other = await makeItem({ ticketUrl: 'https://wiki.example/ISSUE' });
    const stale = await createTicket(other.id, { version: 2 });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/^version: /);
    const linked = await createTicket(other.id, { version: 1 });
    expect(linked.status).toBe(409);
    expect(linked.body.error.message).toMatch(/already has a ticket/);
    expect(tracker.created).toHaveLength(2);
  });

  it('creates one ticket when two people ask at once', async () => {
    const item = await makeItem();
    const answers = await Promise.all([
      createTicket(item.id, { version: 1 }),
      createTicket(item.id, { version: 1 }),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([201, 409]);
    expect(tracker.created).toHaveLength(1);
    expect((await stored(item.id)).version).toBe(2);
  });

  it('answers 422 saying what the entity lacks, and for finished items 409, writing nothing', async () => {
    const billing = await makeItem({ entityRef: 'component:default/billing' });
    const res = await createTicket(billing.id, { version: 1 });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toBe(
      "entityRef: component:default/billing has no tracker a ticket exporter supports: never does not support it; tracker needs a 'tracker.example/project' annotation",
    );
    expect(await stored(billing.id)).toEqual(billing);

    const done = await makeItem();
    await call(firebreak.server, 'patch', `/action-items/${done.id}`, {
      version: 1,
      status: 'done',
    });
    const finished = await createTicket(done.id, { version: 2 });
    expect(finished.status).toBe(409);
    expect(finished.body.error.message).toMatch(
      /is done: only open or in-progress items get a ticket/,
    );
    expect(tracker.created).toEqual([]);
  });

  it('leaves the item as it was when the tracker fails, answering what the failure means', async () => {
    const item = await makeItem();
    const failures: Array<[Error, number, RegExp, string | undefined]> = [
      [
        new FirebreakTicketExporterError('unauthorized', 'Bad credentials'),
        502,
        /^The tracker tracker refused Firebreak's credentials; an administrator needs to fix them: Bad credentials$/,
        undefined,
      ],
      [
        new FirebreakTicketExporterError('forbidden', 'May not create issues'),
        502,
        /refused Firebreak's credentials.*May not create issues/,
        undefined,
      ],
      [
        new FirebreakTicketExporterError('rate-limited', 'Slow down', {
          retryAt: new Date(NOW + 120_000).toISOString(),
        }),
        503,
        /^The tracker tracker is rate limiting Firebreak; try again in 120 s: Slow down$/,
        '120',
      ],
      [
        new FirebreakTicketExporterError('rate-limited', 'Slow down'),
        503,
        /try again in 60 s/,
        '60',
      ],
      [
        new FirebreakTicketExporterError('not-found', 'No repository acme/x'),
        422,
        /^entityRef: No repository acme\/x$/,
        undefined,
      ],
      [
        new FirebreakTicketExporterError('unavailable', 'Timed out'),
        503,
        /^The tracker tracker is unavailable; try again later: Timed out$/,
        undefined,
      ],
      [
        new TypeError('oops'),
        503,
        /^The tracker ticket exporter failed/,
        undefined,
      ],
    ];
    for (const [failure, status, message, retryAfter] of failures) {
      tracker.createFailure = failure;
      const res = await createTicket(item.id, { version: 1 });
      expect(res.status).toBe(status);
      expect(res.body.error.message).toMatch(message);
      expect(res.headers['retry-after']).toBe(retryAfter);
      expect(await stored(item.id)).toEqual(item);
      expect(firebreak.audits.at(-1)).toMatchObject({
        eventId: 'action-item-ticket-create',
        outcome: 'fail',
      });
    }
    const [row] = await knex('firebreak_action_items').where({ id: item.id });
    expect(row.ticket_requested_at).toBeNull();
    expect(row.ticket_exporter_id).toBeNull();
    // The failures gave their claims back: the next try creates the ticket.
    expect((await createTicket(item.id, { version: 1 })).status).toBe(201);
    expect(tracker.created).toHaveLength(1);
  });

  it('answers 403 to another team, 404 for unknown items and 400 for bad bodies', async () => {
    const item = await makeItem();
    const bobs = await createTicket(item.id, { version: 1 }, users.bob);
    expect(bobs.status).toBe(403);
    expect(firebreak.asked.filter(c => c.permission === UPDATE).at(-1)).toEqual(
      { permission: UPDATE, resourceRef: item.id, user: users.bob },
    );
    expect(
      (await createTicket(item.id, { version: 1 }, users.viewer)).status,
    ).toBe(403);
    expect((await createTicket('nope', { version: 1 })).status).toBe(404);
    for (const [body, field] of [
      [{}, /^version: /],
      [{ version: 0 }, /^version: /],
      [{ version: 1, url: 'https://x.example' }, /url/],
    ] as const) {
      const res = await createTicket(item.id, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(field);
    }
    expect(tracker.created).toEqual([]);
    expect(await stored(item.id)).toEqual(item);
  });

  it('answers 422 when no ticket exporter is installed', async () => {
    await firebreak.backend.stop();
    firebreak = await startFirebreak({
      knex,
      now: () => new Date(NOW),
      ticketExporters: [],
    });
    const item = await makeItem();
    const res = await createTicket(item.id, { version: 1 });
    expect(res.status).toBe(422);
    expect(res.body.error.message).toMatch(
      /^entityRef: no ticket exporter is installed, so component:default\/payments-api has no tracker/,
    );
  });
});
