import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { declare, sev2 } from '../__testUtils__/incidentRequests';
import { postmortemRequests } from '../__testUtils__/postmortemRequests';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

// The backend's clock: every incident here is declared at NOW.
const NOW = '2026-11-20T12:00:00.000Z';
const minutesBefore = (minutes: number) =>
  new Date(Date.parse(NOW) - minutes * 60_000).toISOString();

describe.each(databases.eachSupportedId())(
  'when an incident was detected, on %s',
  id => {
    async function start() {
      const knex = await databases.init(id);
      let now = new Date(NOW);
      const backend = await startFirebreak({ knex, now: () => now });
      const { server } = backend;
      return {
        ...backend,
        knex,
        /** Moves the clock on from NOW. */
        later: (minutes: number) => {
          now = new Date(Date.parse(NOW) + minutes * 60_000);
        },
        patch: (idOrRef: string, body: object) =>
          request(server)
            .patch(`/api/firebreak/incidents/${idOrRef}`)
            .set('Authorization', as(users.alice))
            .send(body),
        get: async (idOrRef: string) =>
          (
            await request(server)
              .get(`/api/firebreak/incidents/${idOrRef}`)
              .set('Authorization', as(users.viewer))
          ).body,
        details: async (idOrRef: string) =>
          (
            await request(server)
              .get(`/api/firebreak/incidents/${idOrRef}/timeline`)
              .set('Authorization', as(users.viewer))
          ).body.items
            .filter((e: any) => e.type === 'details_changed')
            .map((e: any) => e.data.fields),
      };
    }

    it('declares with a detection time, or takes the impact start from it', async () => {
      const { server, get } = await start();
      const both = await declare(server, {
        ...sev2,
        startedAt: minutesBefore(30),
        detectedAt: minutesBefore(20),
      });
      expect(both.status).toBe(201);
      expect(both.body).toMatchObject({
        startedAt: minutesBefore(30),
        detectedAt: minutesBefore(20),
        declaredAt: NOW,
      });
      expect((await get(both.body.ref)).detectedAt).toBe(minutesBefore(20));

      const onlyDetected = await declare(server, {
        ...sev2,
        detectedAt: '2026-11-20T11:45:00+01:00',
      });
      expect(onlyDetected.status).toBe(201);
      expect(onlyDetected.body.detectedAt).toBe(minutesBefore(75));
      expect(onlyDetected.body.startedAt).toBe(minutesBefore(75));

      const neither = await declare(server, sev2);
      expect(neither.body.detectedAt).toBeUndefined();
      expect(neither.body.startedAt).toBe(NOW);
    });

    it.each([
      [
        'before the impact started',
        { startedAt: minutesBefore(10), detectedAt: minutesBefore(11) },
        /^detectedAt: must be at or after startedAt \(2026-11-20T11:50:00\.000Z\)/,
      ],
      [
        'after it is declared',
        { detectedAt: '2026-11-20T12:00:00.001Z' },
        /^detectedAt: cannot be in the future/,
      ],
      [
        'not an instant',
        { detectedAt: 'yesterday' },
        /^detectedAt: must be an ISO 8601 instant/,
      ],
    ])(
      'refuses to declare one detected %s, storing nothing',
      async (_, times, message) => {
        const { server, knex } = await start();
        const res = await declare(server, { ...sev2, ...times });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
        expect(await knex('firebreak_incidents').pluck('id')).toEqual([]);
      },
    );

    it('changes it against the version, on the timeline and in the audit, and clears it with null', async () => {
      const { server, patch, get, details, audits } = await start();
      const { body: incident } = await declare(server, {
        ...sev2,
        startedAt: minutesBefore(30),
      });

      const set = await patch(incident.id, {
        version: 1,
        detectedAt: minutesBefore(25),
      });
      expect(set.status).toBe(200);
      expect(set.body).toMatchObject({
        detectedAt: minutesBefore(25),
        version: 2,
      });
      expect(await details(incident.id)).toEqual([['detectedAt']]);
      expect(audits).toContainEqual(
        expect.objectContaining({
          eventId: 'incident-update',
          meta: { incident: incident.id, fields: ['version', 'detectedAt'] },
          outcome: 'success',
        }),
      );

      // Someone else's change was based on version 1: refused, and nothing changes.
      const stale = await patch(incident.id, {
        version: 1,
        detectedAt: minutesBefore(20),
      });
      expect(stale.status).toBe(409);
      expect((await get(incident.id)).detectedAt).toBe(minutesBefore(25));

      // The same time again changes nothing on the timeline.
      await patch(incident.id, { version: 2, detectedAt: minutesBefore(25) });
      expect(await details(incident.id)).toEqual([['detectedAt']]);

      const cleared = await patch(incident.id, {
        version: 3,
        detectedAt: null,
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body.detectedAt).toBeUndefined();
      expect((await get(incident.id)).detectedAt).toBeUndefined();
      expect(await details(incident.id)).toEqual([
        ['detectedAt'],
        ['detectedAt'],
      ]);
    });

    it('keeps impact start ≤ detected ≤ declared when either one moves', async () => {
      const { server, patch, get, later } = await start();
      const { body: incident } = await declare(server, {
        ...sev2,
        startedAt: minutesBefore(30),
        detectedAt: minutesBefore(20),
      });
      const refused = async (body: object, message: RegExp) => {
        const res = await patch(incident.id, { version: 1, ...body });
        expect(res.status).toBe(400);
        expect(res.body.error.message).toMatch(message);
      };

      await refused(
        { detectedAt: minutesBefore(31) },
        /^detectedAt: must be at or after startedAt/,
      );
      await refused(
        { detectedAt: '2026-11-20T12:00:00.001Z' },
        /^detectedAt: cannot be in the future/,
      );
      // An hour on, a minute after the declaring is in the past but still too late.
      later(60);
      await refused(
        { detectedAt: '2026-11-20T12:01:00.000Z' },
        /^detectedAt: must be at or before declaredAt \(2026-11-20T12:00:00\.000Z\)/,
      );
      await refused(
        { startedAt: minutesBefore(19) },
        /^startedAt: must be at or before detectedAt \(2026-11-20T11:40:00\.000Z\)/,
      );
      await refused(
        { startedAt: minutesBefore(10), detectedAt: minutesBefore(15) },
        /^detectedAt: must be at or after startedAt/,
      );
      expect(await get(incident.id)).toMatchObject({
        startedAt: minutesBefore(30),
        detectedAt: minutesBefore(20),
        version: 1,
      });

      // Both moving together, in order, is fine; so is a start once the detection is cleared.
      const moved = await patch(incident.id, {
        version: 1,
        startedAt: minutesBefore(10),
        detectedAt: minutesBefore(5),
      });
      expect(moved.status).toBe(200);
      const cleared = await patch(incident.id, {
        version: 2,
        startedAt: minutesBefore(1),
        detectedAt: null,
      });
      expect(cleared.status).toBe(200);
      expect(cleared.body.startedAt).toBe(minutesBefore(1));
    });

    it('gives the postmortem a detected milestone and the time to detect', async () => {
      const { server } = await start();
      const pm = postmortemRequests(server);
      const incident = await pm.declare({
        ...sev2,
        startedAt: minutesBefore(30),
        detectedAt: minutesBefore(18),
      });
      const { body: postmortem } = await pm.start(incident.id);
      expect(postmortem.milestones).toMatchObject({
        impactStarted: minutesBefore(30),
        detected: minutesBefore(18),
        declared: NOW,
      });
      expect(postmortem.keyDurations).toEqual(
        expect.arrayContaining([
          { from: 'impactStarted', to: 'detected', seconds: 12 * 60 },
          { from: 'detected', to: 'declared', seconds: 18 * 60 },
        ]),
      );
      expect(postmortem.keyDurations).not.toContainEqual(
        expect.objectContaining({ from: 'impactStarted', to: 'declared' }),
      );
    });
  },
);
