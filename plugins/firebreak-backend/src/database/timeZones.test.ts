/**
 * @jest-environment ./__testUtils__/timeZoneEnvironment.ts
 * @jest-environment-options {"timeZone": "Europe/Berlin"}
 */
import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { IncidentStore } from '../incidents/IncidentStore';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

/**
 * Instants around Berlin's 2026 clock changes (both at 01:00 UTC): before, at and after the
 * spring gap (02:00–03:00 local does not exist), and in both runs of the repeated autumn hour
 * (02:00–03:00 local happens first in CEST, 00:00–01:00 UTC, then in CET, 01:00–02:00 UTC).
 */
const INSTANTS = [
  '2026-03-29T00:30:00.000Z', // 01:30 CET, before
  '2026-03-29T00:59:59.999Z',
  '2026-03-29T01:00:00.000Z', // 03:00 CEST, the change
  '2026-03-29T01:30:00.000Z',
  '2026-03-29T02:30:00.000Z', // as UTC text, a local time that does not exist in Berlin
  '2026-10-24T23:59:59.000Z', // 01:59:59 CEST, before
  '2026-10-25T00:30:00.000Z', // 02:30 CEST, the first 02:30
  '2026-10-25T00:59:59.999Z',
  '2026-10-25T01:00:00.000Z', // 02:00 CET, the change
  '2026-10-25T01:30:00.000Z', // 02:30 CET, the second 02:30
  '2026-10-25T02:30:00.000Z', // 03:30 CET, after
];

/** SQL giving `started_at` as the stored UTC time, `YYYY-MM-DD HH:MM:SS.mmm`, per database. */
const UTC_TEXT: Record<string, string> = {
  // better-sqlite3 stores a Date as milliseconds since the epoch.
  SQLITE_3: "strftime('%Y-%m-%d %H:%M:%f', started_at / 1000.0, 'unixepoch')",
  POSTGRES_15:
    "to_char(started_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS.MS')",
  MYSQL_8: 'CAST(started_at AS CHAR)',
};

describe.each(databases.eachSupportedId())(
  'timestamps across daylight saving time on %s',
  id => {
    let knex: Knex;

    beforeEach(async () => {
      knex = await databases.init(id);
    });

    it('reads back the exact instants it wrote, through the API and the store', async () => {
      // The process runs in Berlin's zone (see the environment above): CEST, then CET.
      expect(new Date('2026-10-25T00:30:00.000Z').getTimezoneOffset()).toBe(
        -120,
      );
      expect(new Date('2026-10-25T01:30:00.000Z').getTimezoneOffset()).toBe(
        -60,
      );
      const { server } = await startFirebreak({
        knex,
        now: () => new Date('2026-11-01T12:00:00.000Z'),
      });

      const refs: string[] = [];
      for (const startedAt of INSTANTS) {
        const declared = await request(server)
          .post('/api/firebreak/incidents')
          .set('Authorization', as(users.alice))
          .send({
            title: `Started ${startedAt}`,
            severity: 'SEV3',
            entityRefs: ['component:default/payments-api'],
            startedAt,
          });
        expect(declared.status).toBe(201);
        refs.push(declared.body.ref);
      }

      const readBack: string[] = [];
      for (const ref of refs) {
        const incident = await request(server)
          .get(`/api/firebreak/incidents/${ref}`)
          .set('Authorization', as(users.alice));
        readBack.push(incident.body.startedAt);
      }
      expect(readBack).toEqual(INSTANTS);

      // The store, on the knex the plugin started with, agrees.
      const store = new IncidentStore(knex);
      const fromStore = await Promise.all(
        refs.map(async ref => (await store.getIncident(ref))!.startedAt),
      );
      expect(fromStore).toEqual(INSTANTS);

      // What is stored is the UTC time, so a replica in another zone reads the same instants.
      const rows = await knex('firebreak_incidents')
        .orderBy('ref_number')
        .select(knex.raw(`${UTC_TEXT[id]} AS text`));
      expect(rows.map(row => row.text)).toEqual(
        INSTANTS.map(i => i.replace('T', ' ').replace('Z', '')),
      );
    });
  },
);
