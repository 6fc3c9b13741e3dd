import { mockCredentials } from '@backstage/backend-test-utils';
import { COMMANDER_RULE_EXAMPLES } from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  callApi,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { OnCallStore } from '../oncall/OnCallStore';
import { isIncidentParticipant } from '../permissions/rules';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const cart = 'component:default/cart';
const payments = 'component:default/payments-api';
const serviceAuth = mockCredentials.service.header();

/** Makes `userRef` the one person Storefront's default policy pages (for cart, checkout). */
async function storefrontPages(knex: Knex, userRef: string) {
  await new OnCallStore(knex).createPolicy(
    {
      name: 'Storefront default',
      ownerRef: 'group:default/storefront',
      levels: [
        { targets: [{ type: 'user', ref: userRef }], ackTimeoutMinutes: 5 },
      ],
      repeat: 0,
    },
    new Date(),
  );
}

/** A backend whose clock moves a minute per declare, so lists have a fixed order. */
async function start(knex: Knex) {
  let minute = 0;
  const backend = await startFirebreak({
    knex,
    now: () => new Date(Date.parse('2026-10-01T00:00:00Z') + minute * 60_000),
  });
  const { server } = backend;
  const declare = async (
    title: string,
    entityRef: string,
    auth: string = as(users.alice),
    commanderRef?: string,
  ) => {
    minute += 1;
    return request(server)
      .post('/api/firebreak/incidents')
      .set('Authorization', auth)
      .send({ title, severity: 'SEV3', entityRefs: [entityRef], commanderRef });
  };
  const join = (ref: string, user: string) =>
    callApi(server, 'post', `/incidents/${ref}/responders`, undefined, user);
  const leave = (ref: string, user: string) =>
    callApi(
      server,
      'delete',
      `/incidents/${ref}/responders/me`,
      undefined,
      user,
    );
  const patch = (ref: string, user: string, body: object) =>
    callApi(server, 'patch', `/incidents/${ref}`, body, user);
  const timeline = async (ref: string) =>
    (
      await callApi(
        server,
        'get',
        `/incidents/${ref}/timeline`,
        undefined,
        users.viewer,
      )
    ).body.items as { type: string; actorRef: string; data: any }[];
  return { ...backend, declare, join, leave, patch, timeline };
}

describe.each(databases.eachSupportedId())('participants on %s', id => {
  let knex: Knex;
  beforeEach(async () => {
    knex = await databases.init(id);
  });

  describe('the commander at declare time follows chooseCommander', () => {
    // The same cases the -common table test and the declare dialog's test use.
    const people = {
      declarer: users.alice,
      firstPaged: users.bob,
      someoneElse: users.viewer,
    };
    it.each(COMMANDER_RULE_EXAMPLES.map(e => [e.name, e]))(
      '%s',
      async (_, example) => {
        const { declare } = await start(knex);
        if (example.someoneOnCall) {
          await storefrontPages(knex, people.firstPaged);
        }
        const res = await declare(
          'Cart is empty after login',
          cart,
          example.declarer === 'user' ? as(people.declarer) : serviceAuth,
          example.requested && people[example.requested],
        );
        // What the declare did, in the table's words.
        const refused =
          res.status === 400 &&
          /^commanderRef: /.test(res.body.error?.message ?? '');
        const outcome = refused
          ? 'refused'
          : Object.entries(people).find(
              ([, ref]) =>
                res.status === 201 && ref === res.body.roles.commander,
            )?.[0] ?? `answered ${res.status}`;
        expect(outcome).toBe(example.expected);
        // A refused declare stores nothing.
        const [{ count }] = await knex('firebreak_incidents').count({
          count: '*',
        });
        expect(Number(count)).toBe(refused ? 0 : 1);
      },
    );
  });

  describe('POST /incidents/{idOrRef}/responders and DELETE …/responders/me', () => {
    it('lets a reader join once and leave, recorded on the timeline and versioned', async () => {
      const { declare, join, leave, timeline, sent } = await start(knex);
      await declare('Ledger drift', payments);

      const joined = await join('INC-1', users.viewer);
      expect(joined.status).toBe(201);
      expect(joined.body.responders).toEqual([users.viewer]);
      expect(joined.body.version).toBe(2);
      const signalsAfterJoin = sent.signals.length;
      expect(signalsAfterJoin).toBeGreaterThan(0);

      const again = await join('INC-1', users.viewer);
      expect(again.status).toBe(200);
      expect(again.body.version).toBe(2);
      expect(sent.signals.length).toBe(signalsAfterJoin);

      const left = await leave('INC-1', users.viewer);
      expect(left.status).toBe(200);
      expect(left.body.responders).toEqual([]);
      expect(left.body.version).toBe(3);
      expect((await leave('INC-1', users.viewer)).body.version).toBe(3);

      expect(
        (await timeline('INC-1'))
          .filter(e => e.type.startsWith('responder_'))
          .map(e => [e.type, e.actorRef, e.data.userRef]),
      ).toEqual([
        ['responder_joined', users.viewer, users.viewer],
        ['responder_left', users.viewer, users.viewer],
      ]);
    });

    it('keeps the commander until they hand command over (409)', async () => {
      const { declare, join, leave, patch } = await start(knex);
      await declare('Ledger drift', payments);
      await join('INC-1', users.alice);
      const refused = await leave('INC-1', users.alice);
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(
        /You command INC-1: hand command to someone else/,
      );
      await patch('INC-1', users.alice, {
        version: 2,
        roles: { commander: users.bob },
      });
      const left = await leave('INC-1', users.alice);
      expect(left.status).toBe(200);
      expect(left.body.responders).toEqual([]);
    });

    it('answers 404 for an unknown incident, 403 to who may not read, 401 without credentials', async () => {
      const { server, declare, join, leave } = await start(knex);
      await declare('Ledger drift', payments);
      expect((await join('INC-99', users.viewer)).status).toBe(404);
      expect((await leave('INC-99', users.viewer)).status).toBe(404);
      expect((await join('INC-1', users.mallory)).status).toBe(403);
      expect((await leave('INC-1', users.mallory)).status).toBe(403);
      expect(
        (
          await request(server).post(
            '/api/firebreak/incidents/INC-1/responders',
          )
        ).status,
      ).toBe(401);
      // Services take part through roles, not by joining.
      const byService = await request(server)
        .post('/api/firebreak/incidents/INC-1/responders')
        .set('Authorization', serviceAuth);
      expect(byService.status).toBe(403);
    });
  });

  describe('the IS_INCIDENT_PARTICIPANT rule', () => {
    it('holds for role holders, responders (people and groups) and the reporter', () => {
      const incident = {
        reporterRef: users.alice,
        roles: { commander: users.bob },
        responders: ['user:default/viewer', 'group:default/leadership'],
      } as any;
      const apply = (claims: string[]) =>
        isIncidentParticipant.apply(incident, { claims });
      expect(apply([users.alice])).toBe(true);
      expect(apply([users.bob])).toBe(true);
      expect(apply([users.viewer])).toBe(true);
      expect(apply([users.mallory, 'group:default/leadership'])).toBe(true);
      expect(apply([users.mallory, 'group:default/payments'])).toBe(false);
      expect(isIncidentParticipant.toQuery({ claims: [users.alice] })).toEqual({
        participants: [users.alice],
      });
    });

    it('filters lists in SQL the same way', async () => {
      const { declare, join, patch } = await start(knex);
      await storefrontPages(knex, users.alice);
      // Bob reports; the first person paged (Alice) commands.
      await declare('Reported', cart, as(users.bob));
      await declare('Joined', payments);
      await join('INC-2', users.bob);
      await declare('Role', payments);
      await patch('INC-3', users.alice, {
        version: 1,
        roles: { scribe: users.bob },
      });
      await declare('Team responds', payments);
      await patch('INC-4', users.alice, {
        version: 1,
        responders: ['group:default/storefront'],
      });
      await declare('Not theirs', payments);

      const { backend } = await startFirebreakWithParticipantRead(knex, [
        users.bob,
        'group:default/storefront',
      ]);
      const list = await request(backend)
        .get('/api/firebreak/incidents')
        .set('Authorization', as(users.bob));
      expect(list.status).toBe(200);
      expect(list.body.items.map((i: any) => i.title)).toEqual([
        'Team responds',
        'Role',
        'Joined',
        'Reported',
      ]);
    });
  });

  describe('role change notices', () => {
    const notices = (sent: { notifications: any[] }) =>
      sent.notifications
        .filter(n => n.payload.title.startsWith('You are'))
        .map(n => [n.recipients.entityRef, n.payload.title, n.payload.link]);

    it('tells the first person paged that they command what someone else declared', async () => {
      const { declare, sent } = await start(knex);
      await storefrontPages(knex, users.bob);
      await declare('Cart is empty after login', cart);
      expect(notices(sent)).toEqual([
        [
          users.bob,
          'You are now incident commander of INC-1',
          '/firebreak/incidents/INC-1',
        ],
      ]);
    });

    it('tells who gains or loses a role, never the person who changed it', async () => {
      const { declare, patch, sent } = await start(knex);
      await declare('Ledger drift', payments);
      expect(notices(sent)).toEqual([]);
      await patch('INC-1', users.alice, {
        version: 1,
        roles: { commander: users.bob, scribe: users.viewer },
      });
      await patch('INC-1', users.bob, {
        version: 2,
        roles: { scribe: null, communications: users.bob },
      });
      expect(notices(sent)).toEqual([
        [
          users.bob,
          'You are now incident commander of INC-1',
          '/firebreak/incidents/INC-1',
        ],
        [
          users.viewer,
          'You are now scribe of INC-1',
          '/firebreak/incidents/INC-1',
        ],
        [
          users.viewer,
          'You are no longer scribe of INC-1',
          '/firebreak/incidents/INC-1',
        ],
      ]);
    });
  });
});

/** A second backend on the same database whose policy lets reads only where claims take part. */
async function startFirebreakWithParticipantRead(knex: Knex, claims: string[]) {
  const { server } = await startFirebreak({
    knex,
    conditionalRead: {
      result: 'CONDITIONAL',
      pluginId: 'firebreak',
      resourceType: 'firebreak-incident',
      conditions: {
        rule: 'IS_INCIDENT_PARTICIPANT',
        resourceType: 'firebreak-incident',
        params: { claims },
      },
    },
  });
  return { backend: server };
}
