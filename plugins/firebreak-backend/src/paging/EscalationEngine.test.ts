import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { TimelineEvent } from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { IncidentStore } from '../incidents/IncidentStore';
import { OnCallResolver } from '../oncall/OnCallResolver';
import { OnCallStore } from '../oncall/OnCallStore';
import { EscalationEngine } from './EscalationEngine';
import { PagingStore } from './PagingStore';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const MINUTE = 60_000;
const T0 = Date.parse('2026-06-01T10:00:00.000Z'); // a Monday

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

describe.each(databases.eachSupportedId())('EscalationEngine on %s', id => {
  let knex: Knex;
  let clock: number;
  let sent: NotificationSendOptions[];
  let engine: EscalationEngine;
  let incidents: IncidentStore;
  let onCall: OnCallStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    clock = T0;
    sent = [];
    incidents = new IncidentStore(knex);
    onCall = new OnCallStore(knex);
    engine = new EscalationEngine({
      db: knex,
      pages: new PagingStore(knex),
      incidents,
      resolver: new OnCallResolver(onCall),
      notifications: {
        send: async (notification: NotificationSendOptions) => {
          sent.push(notification);
        },
      },
      notifiers: [],
      logger: mockServices.logger.mock(),
      now: () => new Date(clock),
    });
  });

  /** Payments: level 1 its weekly rotation, level 2 its manager; the policy runs twice. */
  async function paymentsPolicy(
    levels?: Parameters<OnCallStore['createPolicy']>[0]['levels'],
  ) {
    const schedule = await onCall.createSchedule(
      {
        name: 'Payments primary',
        ownerRef: 'group:default/payments',
        timeZone: 'Europe/Berlin',
        layers: [
          {
            name: 'Weekly',
            participants: ['user:default/alice', 'user:default/bob'],
            rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
          },
        ],
      },
      new Date(clock),
    );
    await onCall.createPolicy(
      {
        name: 'Payments default',
        ownerRef: 'group:default/payments',
        levels: levels ?? [
          {
            targets: [{ type: 'schedule', ref: schedule.id }],
            ackTimeoutMinutes: 5,
          },
          {
            targets: [{ type: 'user', ref: 'user:default/manager' }],
            ackTimeoutMinutes: 10,
          },
        ],
        repeat: 1,
      },
      new Date(clock),
    );
    return schedule;
  }

  /** A schedule nobody is on call for in the daytime, when the tests page. */
  function nightsOnly() {
    return onCall.createSchedule(
      {
        name: 'Nights only',
        ownerRef: 'group:default/payments',
        timeZone: 'Europe/Berlin',
        layers: [
          {
            name: 'Nights',
            participants: ['user:default/night'],
            rotation: { type: 'daily', handoff: '2026-06-01T00:00' },
            restrictions: [{ start: '22:00', end: '06:00' }],
          },
        ],
      },
      new Date(clock),
    );
  }

  async function declare() {
    const plans = await engine.plan([paymentsApi], new Date(clock));
    const { incident } = await incidents.createIncident(
      {
        title: 'Card payments failing',
        severity: 'SEV1',
        priority: 'P1',
        impact: 'high',
        urgency: 'high',
        status: 'investigating',
        entities: [
          {
            entityRef: 'component:default/payments-api',
            ownerRef: 'group:default/payments',
          },
        ],
        source: 'portal',
        reporterRef: 'user:default/carol',
        roles: { commander: 'user:default/carol' },
        responders: [],
        subscribers: [],
        links: [],
        startedAt: new Date(clock),
        declaredAt: new Date(clock),
      },
      {
        actorRef: 'user:default/carol',
        events: [],
        alsoInTransaction: (tx, incidentId) =>
          engine.startPages(tx, incidentId, plans, 'declared', new Date(clock)),
      },
    );
    return incident;
  }

  const recipients = () =>
    sent.map(n => (n.recipients as { entityRef: string }).entityRef);
  const paged = async (incidentId: string) =>
    (await incidents.listTimeline(incidentId))
      .filter(e => e.type === 'paged')
      .map(e => {
        const data = (e as Extract<TimelineEvent, { type: 'paged' }>).data;
        return `${data.round}.${data.level} ${data.users.join(',')} ${
          data.reason
        }`;
      });

  it('pages level 1 on declare, escalates on timeout, repeats, then gives up', async () => {
    await paymentsPolicy();
    const incident = await declare();

    await engine.tick();
    expect(recipients()).toEqual(['user:default/alice']);
    expect(sent[0].payload).toMatchObject({
      title: expect.stringContaining(incident.ref),
      link: `/firebreak/incidents/${incident.ref}`,
      severity: 'critical',
    });

    // Nothing happens before the timeout, and a second tick sends nothing twice.
    clock += 4 * MINUTE;
    await engine.tick();
    expect(recipients()).toEqual(['user:default/alice']);

    clock += 1 * MINUTE;
    await engine.tick();
    expect(recipients()).toEqual([
      'user:default/alice',
      'user:default/manager',
    ]);

    clock += 10 * MINUTE; // round 2 starts again at level 1
    await engine.tick();
    clock += 5 * MINUTE;
    await engine.tick();
    clock += 10 * MINUTE;
    await engine.tick();
    clock += 60 * MINUTE;
    await engine.tick();

    expect(recipients()).toEqual([
      'user:default/alice',
      'user:default/manager',
      'user:default/alice',
      'user:default/manager',
    ]);
    expect(await paged(incident.id)).toEqual([
      '1.1 user:default/alice declared',
      '1.2 user:default/manager timeout',
      '2.1 user:default/alice timeout',
      '2.2 user:default/manager timeout',
    ]);
    const timeline = await incidents.listTimeline(incident.id);
    expect(timeline[timeline.length - 1]).toMatchObject({
      type: 'page_exhausted',
      data: { reason: 'not_acknowledged' },
    });
  });

  it('stops at the first acknowledgement, which sets acknowledgedAt once', async () => {
    await paymentsPolicy();
    const incident = await declare();
    await engine.tick();

    clock += 2 * MINUTE;
    expect(await engine.acknowledge(incident.id, 'user:default/alice')).toBe(1);
    clock += 1 * MINUTE;
    expect(await engine.acknowledge(incident.id, 'user:default/bob')).toBe(0);

    clock += 60 * MINUTE;
    await engine.tick();
    expect(recipients()).toEqual(['user:default/alice']);

    const after = await incidents.getIncident(incident.id);
    expect(after?.acknowledgedAt).toBe(new Date(T0 + 2 * MINUTE).toISOString());
    expect(after?.version).toBe(incident.version + 1);
    const [page] = await engine.listPages(incident.id);
    expect(page).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: 'user:default/alice',
      notified: ['user:default/alice'],
    });
    expect(page.nextEscalationAt).toBeUndefined();
  });

  it('leaves an incident nobody was paged for unacknowledged', async () => {
    const incident = await declare(); // no policy pages for it
    expect(await engine.acknowledge(incident.id, 'user:default/alice')).toBe(0);
    const after = await incidents.getIncident(incident.id);
    expect(after?.acknowledgedAt).toBeUndefined();
    expect(after?.version).toBe(incident.version);
  });

  it('skips a level nobody is on call for, at once', async () => {
    const empty = await nightsOnly();
    await paymentsPolicy([
      { targets: [{ type: 'schedule', ref: empty.id }], ackTimeoutMinutes: 5 },
      {
        targets: [{ type: 'user', ref: 'user:default/manager' }],
        ackTimeoutMinutes: 10,
      },
    ]);
    const incident = await declare();
    await engine.tick();
    expect(recipients()).toEqual(['user:default/manager']);
    expect(await paged(incident.id)).toEqual([
      '1.2 user:default/manager declared',
    ]);
  });

  it('records that nobody is on call when no level reaches anyone', async () => {
    const empty = await nightsOnly();
    await paymentsPolicy([
      { targets: [{ type: 'schedule', ref: empty.id }], ackTimeoutMinutes: 5 },
    ]);
    const incident = await declare();
    await engine.tick();
    expect(sent).toEqual([]);
    const [page] = await engine.listPages(incident.id);
    expect(page.status).toBe('exhausted');
    const timeline = await incidents.listTimeline(incident.id);
    expect(timeline.map(e => e.type)).toContain('page_exhausted');
  });

  it('cancels instead of escalating once the incident is resolved', async () => {
    await paymentsPolicy();
    const incident = await declare();
    await engine.tick();
    await incidents.updateIncident(
      incident.id,
      incident.version,
      {
        status: 'resolved',
        resolvedAt: new Date(clock),
        updatedAt: new Date(clock),
      },
      [],
    );
    clock += 30 * MINUTE;
    await engine.tick();
    expect(recipients()).toEqual(['user:default/alice']);
    const [page] = await engine.listPages(incident.id);
    expect(page.status).toBe('cancelled');
  });

  it('escalates by hand to the next level without waiting', async () => {
    await paymentsPolicy();
    const incident = await declare();
    await engine.tick();
    clock += MINUTE;
    expect(
      await engine.escalateNow(incident, [paymentsApi], 'user:default/carol'),
    ).toBe(1);
    await engine.tick();
    expect(recipients()).toEqual([
      'user:default/alice',
      'user:default/manager',
    ]);
    expect(await paged(incident.id)).toEqual([
      '1.1 user:default/alice declared',
      '1.2 user:default/manager escalated',
    ]);
  });

  it('tries a failed delivery again later, and only that one', async () => {
    await paymentsPolicy();
    await declare();
    let failures = 1;
    const flaky = new EscalationEngine({
      ...(engine as any).deps,
      notifications: {
        send: async (notification: NotificationSendOptions) => {
          if (failures-- > 0) throw new Error('notifications are down');
          sent.push(notification);
        },
      },
    });
    await flaky.tick();
    expect(sent).toEqual([]);
    await flaky.tick(); // the retry waits a minute
    expect(sent).toEqual([]);
    clock += 2 * MINUTE;
    await flaky.tick();
    expect(recipients()).toEqual(['user:default/alice']);
  });
});
