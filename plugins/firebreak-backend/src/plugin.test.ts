import { mockCredentials } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import { RunbookStore } from './runbooks/RunbookStore';
import { toDate } from './database/timestamps';
import { IncidentStore } from './incidents/IncidentStore';
import { OnCallResolver } from './oncall/OnCallResolver';
import { OnCallStore } from './oncall/OnCallStore';
import {
  as,
  startFirebreak,
  users,
} from './__testUtils__/firebreakTestBackend';
import { testDatabases } from './__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

describe.each(databases.eachSupportedId())('firebreak plugin on %s', id => {
  let knex: Knex;

  async function startBackend(config: object = {}) {
    return (await startFirebreak({ knex, config })).server;
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
      '20261122010000_incident_core.js',
      '20261123000000_oncall.js',
      '20261124000000_handoff_reminders.js',
      '20261201100000_abuse_limits.js',
      '20261202000000_participant_indexes.js',
      '20261202100000_runbooks.js',
      '20261202110000_action_items.js',
      '20261202120000_postmortems.js',
      '20261204000000_action_item_runbooks.js',
      '20261210000000_postmortem_incidents.js',
      '20261215000000_action_item_tickets.js',
      '20261217000000_incident_detected_at.js',
    ]);
    expect(
      await knex.schema.hasColumn('firebreak_action_items', 'runbook_id'),
    ).toBe(true);
    expect(
      await knex.schema.hasColumn('firebreak_incidents', 'detected_at'),
    ).toBe(true);
    expect(await knex.schema.hasTable('firebreak_incidents')).toBe(true);
    expect(await knex.schema.hasTable('firebreak_incident_entities')).toBe(
      true,
    );
    expect(await knex.schema.hasTable('firebreak_timeline_events')).toBe(true);
    expect(await knex.schema.hasTable('firebreak_handoff_reminders')).toBe(
      true,
    );

    await knex.migrate.rollback(migrationConfig, true);
    for (const table of [
      'firebreak_incidents',
      'firebreak_incident_entities',
      'firebreak_incident_roles',
      'firebreak_timeline_events',
      'firebreak_counters',
      'firebreak_schedules',
      'firebreak_schedule_overrides',
      'firebreak_escalation_policies',
      'firebreak_calendar_tokens',
      'firebreak_pages',
      'firebreak_page_notifications',
      'firebreak_handoff_reminders',
      'firebreak_runbooks',
      'firebreak_runbook_versions',
      'firebreak_runbook_entities',
      'firebreak_postmortems',
      'firebreak_postmortem_approvals',
      'firebreak_postmortem_incidents',
    ]) {
      expect(await knex.schema.hasTable(table)).toBe(false);
    }
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
      let clock = Date.parse('2026-10-01T12:00:00.000Z');
      const { server } = await startFirebreak({
        knex,
        now: () => new Date((clock += 60_000)),
      });
      const declare = (title: string, entityRef: string) =>
        request(server)
          .post('/api/firebreak/incidents')
          .set('Authorization', as(users.alice))
          .send({ title, severity: 'SEV2', entityRefs: [entityRef] });
      for (let i = 0; i < 5; i++) {
        await declare(
          `Payments incident ${i}`,
          'component:default/payments-api',
        );
      }
      await declare('Cart incident', 'Component:default/cart');

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
        priority: 'P2',
        status: 'investigating',
        entityRefs: ['component:default/payments-api'],
        declaredAt: '2026-10-01T12:05:00.000Z',
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
      const cart = await request(server)
        .get('/api/firebreak/incidents')
        .query({ entityRef: 'component:default/Cart' })
        .set('Authorization', mockCredentials.user.header());
      expect(cart.body.items.map((i: { ref: string }) => i.ref)).toEqual([
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
    expect(seeded).toBeGreaterThanOrEqual(30);
    // Each was noticed a few minutes into its impact, and declared after that.
    const times = await knex('firebreak_incidents').select(
      'started_at',
      'detected_at',
      'declared_at',
    );
    for (const row of times) {
      const [started, detected, declared] = [
        row.started_at,
        row.detected_at,
        row.declared_at,
      ].map(value => toDate(value).getTime());
      expect((detected - started) / 60_000).toBeGreaterThanOrEqual(2);
      expect((detected - started) / 60_000).toBeLessThanOrEqual(5);
      expect(declared).toBeGreaterThan(detected);
    }
    const open = await store.listIncidents({
      statuses: ['triage', 'investigating', 'identified', 'monitoring'],
      limit: 100,
    });
    expect(open.items.length).toBeGreaterThan(0);
    expect(open.items.length).toBeLessThan(seeded / 2);
    const withTimeline = await store.listTimeline(open.items[0].id);
    expect(withTimeline.map(e => e.type)).toContain('status_update');

    // Every team has a schedule and a default policy that reaches somebody now.
    const onCall = new OnCallStore(knex);
    const schedules = await onCall.listSchedules({}, new Date());
    const owners = [
      'group:default/payments',
      'group:default/storefront',
      'group:default/platform',
    ];
    expect(new Set(schedules.map(s => s.ownerRef))).toEqual(new Set(owners));
    const defaults = await onCall.getDefaultPolicies(owners);
    expect([...defaults.keys()].sort()).toEqual([...owners].sort());
    const resolver = new OnCallResolver(onCall);
    for (const policy of defaults.values()) {
      const [first] = await resolver.resolveLevels(policy.levels, new Date());
      expect(first.users.length).toBeGreaterThan(0);
    }

    // The main services have stored runbooks with checklists, one with a history.
    const runbooks = new RunbookStore(knex);
    const seededRunbooks = await runbooks.countRunbooks();
    const payments = await runbooks.listForEntities([
      'component:default/payments-api',
    ]);
    expect(payments[0].steps.length).toBeGreaterThan(2);
    expect(payments[0].version).toBe(2);

    // Follow-ups of resolved incidents: some overdue, some done, one not to be done.
    const items = await knex('firebreak_action_items').select(
      'status',
      'due_at',
    );
    const overdue = items.filter(
      i => i.status === 'open' && toDate(i.due_at).getTime() < Date.now(),
    );
    expect(overdue.length).toBeGreaterThan(0);
    expect(items.filter(i => i.status === 'done').length).toBeGreaterThan(0);
    expect(items.map(i => i.status)).toContain('wont_do');

    // A restart finds incidents, schedules, runbooks and follow-ups and adds none.
    await startBackend(config);
    expect(await knex('firebreak_action_items')).toHaveLength(items.length);
    expect(await store.countIncidents()).toBe(seeded);
    expect(await runbooks.countRunbooks()).toBe(seededRunbooks);
    expect(await onCall.listSchedules({}, new Date())).toHaveLength(
      schedules.length,
    );
  });

  it('seeds nothing unless configured', async () => {
    await startBackend();
    expect(await new IncidentStore(knex).countIncidents()).toBe(0);
    expect(await knex('firebreak_action_items')).toEqual([]);
  });
});
