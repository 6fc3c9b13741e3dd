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
  'incidents API on %s: reading and changing one',
  id => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(id);
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
          (
            await post({
              type: 'status_update',
              text: 'x',
              audience: 'everyone',
            })
          ).body.error.message,
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
  },
);
