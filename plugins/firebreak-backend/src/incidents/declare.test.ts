import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { declare, sev2 } from '../__testUtils__/incidentRequests';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

// Each test gets its own databases; TestDatabases drops them all in one 60 s hook, so the
// incident API's tests are split over a few files to keep each file's share small.
const databases = testDatabases();

describe.each(databases.eachSupportedId())(
  'incidents API on %s: declaring',
  id => {
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
        const other = await declare(server, {
          ...sev2,
          commanderRef: users.bob,
        });
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
        expect(escalated.body.subscribers).toEqual([
          'group:default/leadership',
        ]);
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
  },
);
