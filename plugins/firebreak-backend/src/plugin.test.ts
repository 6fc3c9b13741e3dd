import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { firebreakPlugin } from './plugin';
import { IncidentStore } from './incidents/IncidentStore';

jest.setTimeout(60_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

describe.each(databases.eachSupportedId())('firebreak plugin on %s', id => {
  let knex: Knex;

  async function startBackend(config: object = {}) {
    const { server } = await startTestBackend({
      features: [
        firebreakPlugin,
        mockServices.database.factory({ knex }),
        mockServices.rootConfig.factory({ data: config }),
        // Requests without an Authorization header carry no credentials.
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    });
    return server;
  }

  beforeEach(async () => {
    knex = await databases.init(id);
  });

  it('runs its migrations, which roll back cleanly', async () => {
    await startBackend();
    const migrationConfig = {
      tableName: 'firebreak_knex_migrations',
      directory: `${__dirname}/../migrations`,
    };
    const [completed] = await knex.migrate.list(migrationConfig);
    expect(completed.map((m: { name: string }) => m.name)).toEqual([
      '20261122000000_incidents.js',
    ]);
    expect(await knex.schema.hasTable('firebreak_incidents')).toBe(true);
    expect(await knex.schema.hasTable('firebreak_incident_entities')).toBe(
      true,
    );

    await knex.migrate.rollback(migrationConfig, true);
    expect(await knex.schema.hasTable('firebreak_incidents')).toBe(false);
    expect(await knex.schema.hasTable('firebreak_incident_entities')).toBe(
      false,
    );
  });

  it('answers /health without credentials', async () => {
    const server = await startBackend();
    const res = await request(server).get('/api/firebreak/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok' });
  });

  describe('GET /incidents', () => {
    it('refuses a request without credentials', async () => {
      const server = await startBackend();
      const res = await request(server).get('/api/firebreak/incidents');
      expect(res.status).toBe(401);
    });

    it('lists the incidents of one entity, newest first, in pages', async () => {
      const server = await startBackend();
      const store = new IncidentStore(knex);
      const base = Date.parse('2026-10-01T12:00:00.000Z');
      for (let i = 0; i < 5; i++) {
        await store.insertIncident({
          title: `Payments incident ${i}`,
          severity: 'SEV2',
          status: 'resolved',
          entityRefs: ['component:default/payments-api'],
          declaredAt: new Date(base + i * 60_000),
        });
      }
      await store.insertIncident({
        title: 'Search incident',
        severity: 'SEV3',
        status: 'investigating',
        entityRefs: ['Component:default/search-service'],
        declaredAt: new Date(base + 10 * 60_000),
      });

      const first = await request(server)
        .get('/api/firebreak/incidents')
        .query({ entityRef: 'component:default/payments-api', limit: 3 })
        .set('Authorization', mockCredentials.user.header());
      expect(first.status).toBe(200);
      expect(first.body.items.map((i: { title: string }) => i.title)).toEqual([
        'Payments incident 4',
        'Payments incident 3',
        'Payments incident 2',
      ]);
      expect(first.body.items[0]).toMatchObject({
        ref: 'INC-5',
        severity: 'SEV2',
        status: 'resolved',
        entityRefs: ['component:default/payments-api'],
        declaredAt: '2026-10-01T12:04:00.000Z',
      });
      expect(first.body.nextCursor).toEqual(expect.any(String));

      const second = await request(server)
        .get('/api/firebreak/incidents')
        .query({
          entityRef: 'component:default/payments-api',
          limit: 3,
          cursor: first.body.nextCursor,
        })
        .set('Authorization', mockCredentials.user.header());
      expect(second.status).toBe(200);
      expect(second.body.items.map((i: { title: string }) => i.title)).toEqual([
        'Payments incident 1',
        'Payments incident 0',
      ]);
      expect(second.body.nextCursor).toBeUndefined();

      // Entity refs match whatever their case.
      const search = await request(server)
        .get('/api/firebreak/incidents')
        .query({ entityRef: 'component:default/Search-Service' })
        .set('Authorization', mockCredentials.user.header());
      expect(search.body.items.map((i: { ref: string }) => i.ref)).toEqual([
        'INC-6',
      ]);
    });

    it.each([
      [{ limit: '0' }, 'limit'],
      [{ limit: 'many' }, 'limit'],
      [{ limit: '101' }, 'limit'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
    ])('answers 400 naming the field for %j', async (query, field) => {
      const server = await startBackend();
      const res = await request(server)
        .get('/api/firebreak/incidents')
        .query(query)
        .set('Authorization', mockCredentials.user.header());
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}\\b`));
    });
  });

  it('seeds demo incidents into an empty database once, when configured', async () => {
    const config = { firebreak: { demoData: { enabled: true } } };
    await startBackend(config);
    const store = new IncidentStore(knex);
    const seeded = await store.countIncidents();
    expect(seeded).toBeGreaterThan(0);

    // A restart finds incidents and adds none.
    await startBackend(config);
    expect(await store.countIncidents()).toBe(seeded);
  });

  it('seeds nothing unless configured', async () => {
    await startBackend();
    expect(await new IncidentStore(knex).countIncidents()).toBe(0);
  });
});
