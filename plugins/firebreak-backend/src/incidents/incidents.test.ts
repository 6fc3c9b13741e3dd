import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

const declare = (
  server: any,
  body: object,
  user: string = users.alice,
  headers: Record<string, string> = {},
) =>
  request(server)
    .post('/api/firebreak/incidents')
    .set('Authorization', as(user))
    .set(headers)
    .send(body);

const sev2 = {
  title: 'Elevated 5xx from payments API',
  severity: 'SEV2',
  entityRefs: ['component:default/payments-api'],
};

/**
 * A backend whose clock the test moves by whole minutes, with helpers to declare SEV3s at that
 * time and to page through a list, answering each page's titles.
 */
async function startWithClock(knex: Knex) {
  let instant = new Date('2026-10-01T00:00:00Z');
  const { server } = await startFirebreak({ knex, now: () => instant });
  return {
    server,
    at: (minute: number) => {
      instant = new Date(Date.parse('2026-10-01T00:00:00Z') + minute * 60_000);
    },
    make: async (title: string, entityRefs: string[]) =>
      (await declare(server, { title, severity: 'SEV3', entityRefs })).body,
    pageThrough: async (query: object, limit: number) => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const res = await request(server)
          .get('/api/firebreak/incidents')
          .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
          .set('Authorization', as(users.viewer));
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        pages.push(res.body.items.map((i: any) => i.title));
        cursor = res.body.nextCursor;
      } while (cursor);
      return pages;
    },
  };
}

/** Titles of incidents in list order for ones declared at the same instant: by id, descending. */
const byIdDesc = (items: { id: string; title: string }[]) =>
  [...items].sort((x, y) => (x.id < y.id ? 1 : -1)).map(i => i.title);

describe.each(databases.eachSupportedId())('incidents API on %s', id => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(id);
  });

  describe('POST /incidents', () => {
    it('declares an incident with defaults from its severity', async () => {
      const { server, sent } = await startFirebreak({ knex });
      const res = await declare(server, sev2);
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        id: expect.any(String),
        ref: 'INC-1',
        title: 'Elevated 5xx from payments API',
        status: 'investigating',
        severity: 'SEV2',
        impact: 'medium',
        urgency: 'high',
        priority: 'P2',
        entityRefs: ['component:default/payments-api'],
        source: 'portal',
        reporterRef: users.alice,
        roles: { commander: users.alice },
        version: 1,
      });
      expect(Date.parse(res.body.declaredAt)).not.toBeNaN();
      expect(res.body.startedAt).toBe(res.body.declaredAt);

      const timeline = await request(server)
        .get(`/api/firebreak/incidents/${res.body.id}/timeline`)
        .set('Authorization', as(users.alice));
      expect(timeline.body.items).toEqual([
        expect.objectContaining({
          type: 'declared',
          actorRef: users.alice,
          data: {
            title: sev2.title,
            severity: 'SEV2',
            status: 'investigating',
          },
        }),
      ]);
      expect(sent.signals.map(s => s.channel)).toContain(
        `firebreak:incident:${res.body.id}`,
      );
    });

    it('computes priority from impact and urgency, and takes a commander a service names', async () => {
      const { server, sent } = await startFirebreak({ knex });
      const res = await request(server)
        .post('/api/firebreak/incidents')
        .set('Authorization', mockCredentials.service.header())
        .send({
          ...sev2,
          impact: 'low',
          urgency: 'low',
          commanderRef: users.bob,
          startedAt: '2020-01-01T10:00:00.000Z',
        });
      expect(res.status).toBe(201);
      expect(res.body.priority).toBe('P5');
      expect(res.body.roles).toEqual({ commander: users.bob });
      expect(res.body.startedAt).toBe('2020-01-01T10:00:00.000Z');
      // The commander hears of the incident, and that they command it.
      expect(
        sent.notifications.map(n => [
          (n.recipients as { entityRef: string | string[] }).entityRef,
          n.payload.title,
        ]),
      ).toEqual([
        [[users.bob], `INC-1 declared: ${sev2.title}`],
        [users.bob, 'You are now incident commander of INC-1'],
      ]);
    });

    it('lets a person take command themself but not name a third person', async () => {
      const { server } = await startFirebreak({ knex });
      const self = await declare(server, {
        ...sev2,
        commanderRef: users.alice,
      });
      expect(self.body.roles).toEqual({ commander: users.alice });
      const other = await declare(server, { ...sev2, commanderRef: users.bob });
      expect(other.status).toBe(400);
      expect(other.body.error.message).toMatch(
        /^commanderRef: take command yourself or leave it to the first person paged/,
      );
    });

    it.each([
      [{ ...sev2, title: undefined }, /^title: /],
      [{ ...sev2, title: '  ' }, /^title: must not be empty/],
      [{ ...sev2, severity: 'SEV9' }, /^severity: 'SEV9' is not a severity/],
      [{ ...sev2, entityRefs: [] }, /^entityRefs: name at least one/],
      [
        { ...sev2, entityRefs: ['component:default/nope'] },
        /^entityRefs\[0\]: 'component:default\/nope' is not in the catalog/,
      ],
      [
        { ...sev2, entityRefs: ['user:default/alice'] },
        /^entityRefs\[0\]: 'user:default\/alice' is a user/,
      ],
      [
        { ...sev2, entityRefs: ['not a ref'] },
        /^entityRefs\[0\]: 'not a ref' is not an entity ref/,
      ],
      [{ ...sev2, impact: 'huge' }, /^impact: 'huge' is not one of/],
      [
        { ...sev2, startedAt: 'yesterday' },
        /^startedAt: must be an ISO 8601 instant/,
      ],
      [
        { ...sev2, startedAt: '2999-01-01T00:00:00Z' },
        /^startedAt: cannot be in the future/,
      ],
      [
        { ...sev2, commanderRef: 'group:default/payments' },
        /^commanderRef: 'group:default\/payments' is not a user/,
      ],
      [
        { ...sev2, commanderRef: 'user:default/ghost' },
        /^commanderRef: 'user:default\/ghost' is not in the catalog/,
      ],
    ])(
      'answers 400 naming the field, and stores nothing, for %j',
      async (body, message) => {
        const { server } = await startFirebreak({ knex });
        const res = await declare(server, body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        const [{ count }] = await knex('firebreak_incidents').count({
          count: '*',
        });
        expect(Number(count)).toBe(0);
      },
    );

    it('returns the same incident for a repeated Idempotency-Key', async () => {
      const { server } = await startFirebreak({ knex });
      const first = await declare(server, sev2, users.alice, {
        'Idempotency-Key': 'alert-123',
      });
      const again = await declare(server, sev2, users.alice, {
        'Idempotency-Key': 'alert-123',
      });
      const other = await declare(server, sev2, users.alice, {
        'Idempotency-Key': 'alert-124',
      });
      expect(first.status).toBe(201);
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
      expect(other.body.id).not.toBe(first.body.id);
    });

    it('refuses a reused Idempotency-Key with another body (422), keys being per caller', async () => {
      const { server } = await startFirebreak({ knex });
      const key = { 'Idempotency-Key': 'alert-200' };
      const first = await declare(server, sev2, users.alice, key);
      expect(first.status).toBe(201);

      // The same body with its keys in another order is the same request.
      const reordered = Object.fromEntries(Object.entries(sev2).reverse());
      const retried = await declare(server, reordered, users.alice, key);
      expect(retried.status).toBe(200);
      expect(retried.body.id).toBe(first.body.id);

      const changed = await declare(
        server,
        { ...sev2, title: 'Something else entirely' },
        users.alice,
        key,
      );
      expect(changed.status).toBe(422);
      expect(changed.body.error.message).toMatch(/^Idempotency-Key: /);
      expect(changed.body).not.toHaveProperty('id');

      // Bob's equal key is his own: he gets his own incident, never alice's.
      const bobs = await declare(server, sev2, users.bob, key);
      expect(bobs.status).toBe(201);
      expect(bobs.body.id).not.toBe(first.body.id);
      const bobAgain = await declare(server, sev2, users.bob, key);
      expect(bobAgain.body.id).toBe(bobs.body.id);

      const [{ count }] = await knex('firebreak_incidents').count({
        count: '*',
      });
      expect(Number(count)).toBe(2);
    });

    it('still answers keys stored before request hashes were kept', async () => {
      const { server } = await startFirebreak({ knex });
      const key = { 'Idempotency-Key': 'legacy-key' };
      const first = await declare(server, sev2, users.alice, key);
      await knex('firebreak_idempotency_keys')
        .where({ idempotency_key: 'legacy-key' })
        .update({ request_hash: null });
      const again = await declare(
        server,
        { ...sev2, title: 'Retried by an older client' },
        users.alice,
        key,
      );
      expect(again.status).toBe(200);
      expect(again.body.id).toBe(first.body.id);
    });

    it('hands out distinct references to 20 parallel declares', async () => {
      const { server } = await startFirebreak({ knex });
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          declare(server, { ...sev2, title: `Parallel ${i}` }),
        ),
      );
      expect(responses.map(r => r.status)).toEqual(Array(20).fill(201));
      const refs = new Set(responses.map(r => r.body.ref));
      expect(refs.size).toBe(20);
      expect([...refs].sort()).toEqual(
        Array.from({ length: 20 }, (_, i) => `INC-${i + 1}`).sort(),
      );
    });

    it('applies response plays of the severity', async () => {
      const { server } = await startFirebreak({
        knex,
        config: {
          firebreak: {
            responsePlays: [
              {
                name: 'major-incident',
                severities: ['SEV1'],
                subscribers: ['group:default/leadership'],
                links: [
                  {
                    title: 'Bridge',
                    url: 'https://meet.example/{slug}',
                    type: 'bridge',
                  },
                ],
              },
            ],
          },
        },
      });
      const sev1 = await declare(server, {
        ...sev2,
        severity: 'SEV1',
        title: 'Payments down',
      });
      expect(sev1.body.subscribers).toEqual(['group:default/leadership']);
      expect(sev1.body.links).toEqual([
        {
          title: 'Bridge',
          type: 'bridge',
          url: 'https://meet.example/inc-1-payments-down',
        },
      ]);
      const minor = await declare(server, { ...sev2, severity: 'SEV3' });
      expect(minor.body.subscribers).toEqual([]);

      // Escalating the SEV3 to SEV1 runs the play once.
      const escalated = await request(server)
        .patch(`/api/firebreak/incidents/${minor.body.id}`)
        .set('Authorization', as(users.alice))
        .send({ version: 1, severity: 'SEV1' });
      expect(escalated.body.subscribers).toEqual(['group:default/leadership']);
      const timeline = await request(server)
        .get(`/api/firebreak/incidents/${minor.body.id}/timeline`)
        .set('Authorization', as(users.alice));
      expect(timeline.body.items.map((e: any) => e.type)).toEqual([
        'declared',
        'severity_changed',
        'play_applied',
      ]);
    });
  });

  describe('GET /incidents/{idOrRef}', () => {
    it('finds an incident by id and by reference', async () => {
      const { server } = await startFirebreak({ knex });
      const created = await declare(server, sev2);
      for (const key of [created.body.id, 'INC-1', 'inc-1']) {
        const res = await request(server)
          .get(`/api/firebreak/incidents/${key}`)
          .set('Authorization', as(users.viewer));
        expect(res.status).toBe(200);
        expect(res.body.id).toBe(created.body.id);
      }
      const missing = await request(server)
        .get('/api/firebreak/incidents/INC-99')
        .set('Authorization', as(users.alice));
      expect(missing.status).toBe(404);
    });
  });

  describe('PATCH /incidents/{id}', () => {
    it('moves through the status flow, recording timestamps and reopenings', async () => {
      const { server, sent } = await startFirebreak({ knex });
      // A service names Bob commander, so Alice's changes notify him.
      const created = await declare(
        server,
        { ...sev2, commanderRef: users.bob },
        users.alice,
        { Authorization: mockCredentials.service.header() },
      );
      const patch = (body: object) =>
        request(server)
          .patch(`/api/firebreak/incidents/${created.body.id}`)
          .set('Authorization', as(users.alice))
          .send(body);

      const monitoring = await patch({ version: 1, status: 'monitoring' });
      expect(monitoring.status).toBe(200);
      expect(monitoring.body).toMatchObject({
        status: 'monitoring',
        version: 2,
      });
      expect(monitoring.body.mitigatedAt).toEqual(expect.any(String));

      const resolved = await patch({ version: 2, status: 'resolved' });
      expect(resolved.body.resolvedAt).toEqual(expect.any(String));

      const reopened = await patch({ version: 3, status: 'investigating' });
      expect(reopened.body.status).toBe('investigating');
      expect(reopened.body.resolvedAt).toBeUndefined();

      const declined = await patch({ version: 4, status: 'declined' });
      expect(declined.status).toBe(400);
      expect(declined.body.error.message).toMatch(
        /^status: only an incident in triage/,
      );

      const timeline = await request(server)
        .get(`/api/firebreak/incidents/${created.body.id}/timeline`)
        .set('Authorization', as(users.alice));
      expect(
        timeline.body.items
          .filter((e: any) => e.type === 'status_changed')
          .map((e: any) => e.data),
      ).toEqual([
        { from: 'investigating', to: 'monitoring', reopened: false },
        { from: 'monitoring', to: 'resolved', reopened: false },
        { from: 'resolved', to: 'investigating', reopened: true },
      ]);
      // The commander is told of each status change.
      expect(
        sent.notifications.filter(n => n.payload.title.includes(' is ')),
      ).toHaveLength(3);
    });

    it('changes roles, never leaving the incident without a commander', async () => {
      const { server } = await startFirebreak({ knex });
      const created = await declare(server, sev2);
      const patch = (body: object) =>
        request(server)
          .patch(`/api/firebreak/incidents/${created.body.id}`)
          .set('Authorization', as(users.alice))
          .send(body);
      const res = await patch({
        version: 1,
        roles: { commander: users.bob, communications: users.alice },
      });
      expect(res.status).toBe(200);
      expect(res.body.roles).toEqual({
        commander: users.bob,
        communications: users.alice,
      });
      const cleared = await patch({ version: 2, roles: { commander: null } });
      expect(cleared.status).toBe(400);
      expect(cleared.body.error.message).toMatch(/^roles.commander: /);
      const unknown = await patch({ version: 2, roles: { chef: users.bob } });
      expect(unknown.body.error.message).toMatch(/^roles.chef: not a role/);
    });

    it('answers 409 to a stale version and changes nothing', async () => {
      const { server } = await startFirebreak({ knex });
      const created = await declare(server, sev2);
      const patch = (body: object) =>
        request(server)
          .patch(`/api/firebreak/incidents/${created.body.id}`)
          .set('Authorization', as(users.alice))
          .send(body);
      expect((await patch({ version: 1, title: 'First' })).status).toBe(200);
      const stale = await patch({
        version: 1,
        title: 'Second',
        status: 'resolved',
      });
      expect(stale.status).toBe(409);
      expect(stale.body.error.message).toMatch(/version 1 is stale/);
      const current = await request(server)
        .get(`/api/firebreak/incidents/${created.body.id}`)
        .set('Authorization', as(users.alice));
      expect(current.body).toMatchObject({
        title: 'First',
        status: 'investigating',
        version: 2,
      });
    });

    it('lets exactly one of 20 parallel changes with the same version win', async () => {
      const { server } = await startFirebreak({ knex });
      const created = await declare(server, sev2);
      const responses = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          request(server)
            .patch(`/api/firebreak/incidents/${created.body.id}`)
            .set('Authorization', as(users.alice))
            .send({ version: 1, title: `Title ${i}` }),
        ),
      );
      const statuses = responses.map(r => r.status).sort();
      expect(statuses.filter(s => s === 200)).toHaveLength(1);
      expect(statuses.filter(s => s === 409)).toHaveLength(19);
      const winner = responses.find(r => r.status === 200)!;
      const current = await request(server)
        .get(`/api/firebreak/incidents/${created.body.id}`)
        .set('Authorization', as(users.alice));
      expect(current.body.title).toBe(winner.body.title);
      expect(current.body.version).toBe(2);
      const timeline = await request(server)
        .get(`/api/firebreak/incidents/${created.body.id}/timeline`)
        .set('Authorization', as(users.alice));
      expect(
        timeline.body.items.filter((e: any) => e.type === 'details_changed'),
      ).toHaveLength(1);
    });

    it.each([
      [{ title: 'x' }, /^version: /],
      [{ version: 1, status: 'done' }, /^status: /],
      [{ version: 1, colour: 'red' }, /colour/],
      [
        { version: 1, entityRefs: ['component:default/nope'] },
        /^entityRefs\[0\]: /,
      ],
    ])('answers 400 naming the field for %j', async (body, message) => {
      const { server } = await startFirebreak({ knex });
      const created = await declare(server, sev2);
      const res = await request(server)
        .patch(`/api/firebreak/incidents/${created.body.id}`)
        .set('Authorization', as(users.alice))
        .send(body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    });
  });

  describe('timeline', () => {
    it('records notes and status updates, and tells subscribers of updates', async () => {
      const { server, sent } = await startFirebreak({ knex });
      // A service names Bob commander, so Alice's changes notify him.
      const created = await declare(
        server,
        { ...sev2, commanderRef: users.bob },
        users.alice,
        { Authorization: mockCredentials.service.header() },
      );
      const post = (body: object) =>
        request(server)
          .post(`/api/firebreak/incidents/${created.body.id}/timeline`)
          .set('Authorization', as(users.alice))
          .send(body);
      const note = await post({
        type: 'note',
        text: 'Pool exhausted',
        tag: 'observation',
      });
      expect(note.status).toBe(201);
      const update = await post({
        type: 'status_update',
        text: 'Some payments fail',
        audience: 'external',
        nextUpdateAt: '2999-01-01T00:00:00.000Z',
      });
      expect(update.status).toBe(201);
      expect(
        (await post({ type: 'note', text: '' })).body.error.message,
      ).toMatch(/^text: /);
      expect(
        (await post({ type: 'status_update', text: 'x', audience: 'everyone' }))
          .body.error.message,
      ).toMatch(/^audience: /);
      expect(
        (
          await post({
            type: 'status_update',
            text: 'x',
            audience: 'internal',
            nextUpdateAt: '2000-01-01T00:00:00Z',
          })
        ).body.error.message,
      ).toMatch(/^nextUpdateAt: must be in the future/);

      const timeline = await request(server)
        .get(`/api/firebreak/incidents/${created.body.id}/timeline`)
        .set('Authorization', as(users.viewer));
      expect(
        timeline.body.items.map((e: any) => [e.type, e.data.text]),
      ).toEqual([
        ['declared', undefined],
        ['note', 'Pool exhausted'],
        ['status_update', 'Some payments fail'],
      ]);
      expect(sent.notifications.map(n => n.payload.description)).toContain(
        'Some payments fail',
      );
    });
  });

  describe('GET /incidents', () => {
    it('filters by entity, system, team, status, severity and text, newest first', async () => {
      let clock = Date.parse('2026-10-01T00:00:00Z');
      const { server } = await startFirebreak({
        knex,
        now: () => new Date((clock += 60_000)),
      });
      const make = async (
        title: string,
        entityRefs: string[],
        severity = 'SEV2',
      ) => (await declare(server, { title, severity, entityRefs })).body;
      const pay = await make('Payments slow', [
        'component:default/payments-api',
      ]);
      const ledger = await make(
        'Ledger stuck',
        ['component:default/ledger'],
        'SEV3',
      );
      const checkout = await make(
        'Checkout broken',
        ['component:default/checkout'],
        'SEV1',
      );
      const cart = await make('Cart empty', ['component:default/cart']);
      await request(server)
        .patch(`/api/firebreak/incidents/${cart.id}`)
        .set('Authorization', as(users.alice))
        .send({ version: 1, status: 'resolved' });

      const list = async (query: object) =>
        (
          await request(server)
            .get('/api/firebreak/incidents')
            .query(query)
            .set('Authorization', as(users.viewer))
        ).body.items.map((i: any) => i.title);

      expect(await list({})).toEqual([
        cart.title,
        checkout.title,
        ledger.title,
        pay.title,
      ]);
      expect(
        await list({ entityRef: 'component:default/payments-api' }),
      ).toEqual([pay.title]);
      expect(await list({ entityRef: 'system:default/shop' })).toEqual([
        cart.title,
        checkout.title,
      ]);
      expect(await list({ entityRef: 'group:default/payments' })).toEqual([
        ledger.title,
        pay.title,
      ]);
      expect(await list({ status: 'resolved' })).toEqual([cart.title]);
      expect(
        await list({ status: 'investigating,resolved', severity: 'SEV1' }),
      ).toEqual([checkout.title]);
      expect(await list({ q: 'stuck' })).toEqual([ledger.title]);
      expect(await list({ q: pay.ref })).toEqual([pay.title]);
    });

    it('pages newest first with a cursor, ties on the declaring time broken by id', async () => {
      const {
        server,
        at,
        make,
        pageThrough: pages,
      } = await startWithClock(knex);
      const pageThrough = async (query: object, limit: number) =>
        (await pages(query, limit)).flat();
      const payments = 'component:default/payments-api';
      const cart = 'component:default/cart';
      at(0);
      const tied = [
        await make('A', [payments]),
        await make('B', [payments]),
        await make('C', [payments]),
      ];
      at(1);
      const d = await make('D', [payments, cart]);
      const e = await make('E', ['component:default/ledger']);
      at(2);
      await make('F', [payments]);
      at(3);
      await make('G', [cart]);
      await request(server)
        .patch(`/api/firebreak/incidents/${tied[1].id}`)
        .set('Authorization', as(users.alice))
        .send({ version: 1, status: 'resolved' });

      // One entity's history.
      expect(await pageThrough({ entityRef: payments }, 2)).toEqual([
        'F',
        'D',
        ...byIdDesc(tied),
      ]);
      expect(await pageThrough({ entityRef: payments }, 1)).toEqual([
        'F',
        'D',
        ...byIdDesc(tied),
      ]);
      expect(
        await pageThrough({ entityRef: payments, status: 'resolved' }, 1),
      ).toEqual(['B']);
      // Several entities: a system's parts.
      expect(
        await pageThrough({ entityRef: 'system:default/shop' }, 1),
      ).toEqual(['G', 'D']);
      // Everything.
      expect(await pageThrough({}, 2)).toEqual([
        'G',
        'F',
        ...byIdDesc([d, e]),
        ...byIdDesc(tied),
      ]);
    });

    it('rolls up a group or system: each incident once, newest first, page by page', async () => {
      const { server, at, make, pageThrough } = await startWithClock(knex);
      const payments = 'component:default/payments-api';
      const ledger = 'component:default/ledger';
      const cart = 'component:default/cart';
      // group:default/payments owns payments-api and ledger; the shop system has cart.
      at(0);
      const tied = [
        await make('A', [payments, ledger]),
        await make('B', [ledger]),
        await make('C', [payments]),
        await make('D', [ledger, payments, cart]),
      ];
      at(1);
      await make('E', [cart]);
      at(2);
      await make('F', [payments, ledger]);
      at(3);
      await make('G', [ledger]);
      await request(server)
        .patch(`/api/firebreak/incidents/${tied[0].id}`)
        .set('Authorization', as(users.alice))
        .send({ version: 1, status: 'resolved' });

      const group = { entityRef: 'group:default/payments' };
      const expected = ['G', 'F', ...byIdDesc(tied)];
      for (const limit of [1, 2, 3, 25]) {
        const pages = await pageThrough(group, limit);
        // Full pages but the last, and every incident once in order.
        expect(pages.slice(0, -1).every(p => p.length === limit)).toBe(true);
        expect(pages.flat()).toEqual(expected);
      }
      // Filters apply before the page is cut, on every entity's range.
      expect(
        (await pageThrough({ ...group, status: 'resolved' }, 1)).flat(),
      ).toEqual(['A']);
      expect((await pageThrough({ ...group, q: 'd' }, 1)).flat()).toEqual([
        'D',
      ]);
      // Each entity's copy of an incident carries its impacted entities once.
      const groupPage = await request(server)
        .get('/api/firebreak/incidents')
        .query(group)
        .set('Authorization', as(users.viewer));
      const d = groupPage.body.items.find((i: any) => i.title === 'D');
      expect(d.entityRefs).toEqual([cart, ledger, payments]);
      expect(
        (await pageThrough({ entityRef: 'system:default/shop' }, 1)).flat(),
      ).toEqual(['E', 'D']);
    });

    it('restricts the list by a conditional read decision', async () => {
      const { server } = await startFirebreak({
        knex,
        conditionalRead: {
          result: 'CONDITIONAL',
          pluginId: 'firebreak',
          resourceType: 'firebreak-incident',
          conditions: {
            rule: 'IS_OWNER_OF_IMPACTED_ENTITY',
            resourceType: 'firebreak-incident',
            params: { claims: ['group:default/payments'] },
          },
        },
      });
      await declare(server, { ...sev2, title: 'Ours' });
      await declare(server, {
        ...sev2,
        title: 'Theirs',
        entityRefs: ['component:default/cart'],
      });
      await declare(server, {
        ...sev2,
        title: 'Shared',
        entityRefs: [
          'component:default/cart',
          'component:default/payments-api',
        ],
      });
      const list = async (query: object) =>
        (
          await request(server)
            .get('/api/firebreak/incidents')
            .query(query)
            .set('Authorization', as(users.alice))
        ).body.items.map((i: any) => i.title);
      expect(await list({})).toEqual(['Shared', 'Ours']);
      // The same condition on one entity's history and on a roll-up of several.
      expect(await list({ entityRef: 'component:default/cart' })).toEqual([
        'Shared',
      ]);
      expect(await list({ entityRef: 'system:default/shop' })).toEqual([
        'Shared',
      ]);
    });
  });

  describe('authorization', () => {
    // Method, path, body, and what a user without permissions gets. Every row has all four
    // cells: jest would take a missing one for a done callback.
    const routes: [string, string, object | null, number][] = [
      ['get', '/incidents', null, 403],
      ['post', '/incidents', sev2, 403],
      ['get', '/incidents/INC-1', null, 403],
      ['patch', '/incidents/INC-1', { version: 1, title: 'x' }, 403],
      ['get', '/incidents/INC-1/timeline', null, 403],
      ['post', '/incidents/INC-1/timeline', { type: 'note', text: 'x' }, 403],
      ['post', '/incidents/INC-1/responders', null, 403],
      // Severities and roles are configuration, not incident data.
      ['get', '/settings', null, 200],
    ];

    it.each(routes)(
      '%s %s: 401 without credentials, %j, %d without permission, 2xx with it',
      async (method, path, body, forbidden) => {
        const { server } = await startFirebreak({ knex });
        await declare(server, sev2);
        const call = (user?: string) => {
          const req = (request(server) as any)[method](`/api/firebreak${path}`);
          if (user) req.set('Authorization', as(user));
          return body ? req.send(body) : req;
        };
        expect((await call()).status).toBe(401);
        expect((await call(users.mallory)).status).toBe(forbidden);
        expect((await call(users.alice)).status).toBeLessThan(300);
      },
    );

    it('lets a reader read but not change', async () => {
      const { server } = await startFirebreak({ knex });
      await declare(server, sev2);
      const read = await request(server)
        .get('/api/firebreak/incidents/INC-1')
        .set('Authorization', as(users.viewer));
      expect(read.status).toBe(200);
      const change = await request(server)
        .patch('/api/firebreak/incidents/INC-1')
        .set('Authorization', as(users.viewer))
        .send({ version: 1, title: 'x' });
      expect(change.status).toBe(403);
      expect((await declare(server, sev2, users.viewer)).status).toBe(403);
    });
  });
});
