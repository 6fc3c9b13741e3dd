import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { applyDatabaseMigrations } from '../database/migrations';
import { IncidentStore } from '../incidents/IncidentStore';
import { OnCallResolver } from '../oncall/OnCallResolver';
import { OnCallStore } from '../oncall/OnCallStore';
import { EscalationEngine } from './EscalationEngine';
import { DELIVERY_LEASE_MS, SEND_CONCURRENCY } from './PageDelivery';
import { PagingStore } from './PagingStore';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const T0 = Date.parse('2026-06-01T10:00:00.000Z');

const paymentsApi: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', namespace: 'default' },
  relations: [{ type: 'ownedBy', targetRef: 'group:default/payments' }],
};

/** A promise the test resolves when it chooses: a send held (busy, stalled, dead), or a signal. */
function gate() {
  let open = () => {};
  const opened = new Promise<void>(resolve => {
    open = resolve;
  });
  return { opened, open };
}

/** One replica: its engine, what it sent, a heartbeat the test beats, and a send it may hold. */
interface Replica {
  engine: EscalationEngine;
  sent: NotificationSendOptions[];
  /** Renews the replica's claims, as its heartbeat timer would. */
  beat(): Promise<void>;
  heartbeatIntervals: number[];
  /** While set, every send waits for it. */
  hold?: Promise<void>;
  /** Resolves once the replica has started `count` sends (each confirmed its claim first). */
  startedSends(count: number): Promise<void>;
}

describe.each(databases.eachSupportedId())('PageDelivery on %s', id => {
  let knex: Knex;
  let clock: number;
  let incidents: IncidentStore;
  let onCall: OnCallStore;

  beforeEach(async () => {
    knex = await databases.init(id);
    await applyDatabaseMigrations(knex);
    clock = T0;
    incidents = new IncidentStore(knex);
    onCall = new OnCallStore(knex);
    await onCall.createPolicy(
      {
        name: 'Payments default',
        ownerRef: 'group:default/payments',
        levels: [
          {
            targets: [
              { type: 'user', ref: 'user:default/alice' },
              { type: 'user', ref: 'user:default/bob' },
            ],
            ackTimeoutMinutes: 30,
          },
        ],
        repeat: 0,
      },
      new Date(clock),
    );
  });

  function replica(): Replica {
    const beats: Array<() => Promise<void>> = [];
    let started = 0;
    const waiting: Array<{ count: number; open: () => void }> = [];
    const self: Replica = {
      startedSends: count =>
        started >= count
          ? Promise.resolve()
          : new Promise(open => waiting.push({ count, open })),
      sent: [],
      heartbeatIntervals: [],
      beat: async () => {
        for (const beat of beats) await beat();
      },
      engine: new EscalationEngine({
        db: knex,
        pages: new PagingStore(knex),
        incidents,
        resolver: new OnCallResolver(onCall),
        notifications: {
          send: async (notification: NotificationSendOptions) => {
            started += 1;
            waiting.filter(w => w.count <= started).forEach(w => w.open());
            await self.hold;
            self.sent.push(notification);
          },
        },
        notifiers: [],
        logger: mockServices.logger.mock(),
        now: () => new Date(clock),
        heartbeat: (intervalMs, beat) => {
          self.heartbeatIntervals.push(intervalMs);
          beats.push(beat);
          return () => beats.splice(beats.indexOf(beat), 1);
        },
      }),
    };
    return self;
  }

  /** Declares an incident whose page notifies alice and bob. */
  async function declare(engine: EscalationEngine) {
    const plans = await engine.plan([paymentsApi], new Date(clock));
    await incidents.createIncident(
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
  }

  const recipients = (r: Replica) =>
    r.sent.map(n => (n.recipients as { entityRef: string }).entityRef).sort();
  const outbox = () =>
    knex('firebreak_page_notifications')
      .orderBy('user_ref')
      .select('user_ref', 'status', 'claimed_by');

  it('lets another replica take over what a dead replica held, once its short lease ends', async () => {
    const a = replica();
    const b = replica();
    await declare(a.engine);
    a.hold = new Promise(() => {}); // replica A dies in its first send, holding both pages
    void a.engine.deliverNotifications();
    await a.startedSends(2);

    clock += DELIVERY_LEASE_MS - 1;
    expect(await b.engine.deliverNotifications()).toBe(0);
    expect(b.sent).toEqual([]);

    clock += 1;
    expect(await b.engine.deliverNotifications()).toBe(2);
    expect(recipients(b)).toEqual(['user:default/alice', 'user:default/bob']);
    expect(a.sent).toEqual([]);
    expect(DELIVERY_LEASE_MS).toBeLessThanOrEqual(5_000);
    const rows = await outbox();
    expect(rows.map(row => row.status)).toEqual(['sent', 'sent']);
  });

  it('keeps the claims of a live replica that renews them, however long it works', async () => {
    const a = replica();
    const b = replica();
    await declare(a.engine);
    const slow = gate();
    a.hold = slow.opened;
    const delivering = a.engine.deliverNotifications();
    await a.startedSends(2);
    expect(a.heartbeatIntervals[0]).toBeLessThan(DELIVERY_LEASE_MS / 2);

    // Three leases long, with a renewal well inside each: B never gets a claim.
    for (let i = 0; i < 6; i += 1) {
      clock += DELIVERY_LEASE_MS / 2;
      await a.beat();
      expect(await b.engine.deliverNotifications()).toBe(0);
    }

    slow.open();
    expect(await delivering).toBe(2);
    clock += 10 * DELIVERY_LEASE_MS;
    expect(await b.engine.deliverNotifications()).toBe(0);
    expect(recipients(a)).toEqual(['user:default/alice', 'user:default/bob']);
    expect(b.sent).toEqual([]);
    expect(a.heartbeatIntervals).toHaveLength(1); // the heartbeat stopped with the batch
  });

  it('sends nothing more a stalled replica lost, and its late sends keep their scope', async () => {
    const a = replica();
    const b = replica();
    for (let i = 0; i < 10; i += 1) await declare(a.engine); // 20 notifications
    const stall = gate();
    a.hold = stall.opened;
    const delivering = a.engine.deliverNotifications();
    await a.startedSends(SEND_CONCURRENCY);

    // A stalls past its lease without renewing: B takes all 20 over.
    clock += DELIVERY_LEASE_MS + 1;
    await b.engine.tick();
    expect(b.sent).toHaveLength(20);

    // A wakes up: the sends it was in finish, but it starts none of those it lost.
    stall.open();
    await delivering;
    expect(a.sent).toHaveLength(SEND_CONCURRENCY);
    // Each late send has the scope of B's: Backstage notifications update the first instead
    // of adding a second, and notifiers get the same deduplication key.
    const key = (n: NotificationSendOptions) =>
      `${(n.recipients as { entityRef: string }).entityRef} ${n.payload.scope}`;
    const fromB = new Set(b.sent.map(key));
    expect(fromB.size).toBe(20);
    expect(a.sent.every(n => fromB.has(key(n)))).toBe(true);
    const rows = await outbox();
    expect(rows.every(row => row.status === 'sent')).toBe(true);
    expect(new Set(rows.map(row => row.claimed_by)).size).toBe(1);
  });
});
