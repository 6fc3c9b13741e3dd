import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import {
  declare,
  sev2,
  startWithClock,
  byIdDesc,
} from '../__testUtils__/incidentRequests';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

// Each test gets its own databases; TestDatabases drops them all in one 60 s hook, so the
// incident API's tests are split over a few files to keep each file's share small.
const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'incidents API on %s: lists and authorization',
  id => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(id);
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
            const req = (request(server) as any)[method](
              `/api/firebreak${path}`,
            );
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
  },
);
