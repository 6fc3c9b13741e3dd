import { LoggerService } from '@backstage/backend-plugin-api';
import {
  DEFAULT_PRIORITY_MATRIX,
  DEFAULT_SEVERITY_LEVELS,
  IncidentStatus,
  computePriority,
} from '@firebreak/backstage-plugin-common';
import { IncidentStore, NewTimelineEvent } from '../incidents/IncidentStore';

interface Service {
  ref: string;
  owner: string;
  people: string[];
}

// The example catalog in examples/: services, their owners and the people of those teams.
const payments = [
  'user:default/alice.nguyen',
  'user:default/bruno.costa',
  'user:default/chen.wei',
];
const storefront = [
  'user:default/dana.okafor',
  'user:default/emil.larsen',
  'user:default/farah.haddad',
];
const platform = ['user:default/gustavo.ruiz', 'user:default/hana.sato'];
const services: Record<string, Service> = {
  payments: {
    ref: 'component:default/payments-api',
    owner: 'group:default/payments',
    people: payments,
  },
  paymentsApi: {
    ref: 'api:default/payments-rest-api',
    owner: 'group:default/payments',
    people: payments,
  },
  ledger: {
    ref: 'component:default/ledger-service',
    owner: 'group:default/payments',
    people: payments,
  },
  fraud: {
    ref: 'component:default/fraud-detector',
    owner: 'group:default/payments',
    people: payments,
  },
  db: {
    ref: 'resource:default/payments-db',
    owner: 'group:default/payments',
    people: payments,
  },
  checkout: {
    ref: 'component:default/checkout-web',
    owner: 'group:default/storefront',
    people: storefront,
  },
  cart: {
    ref: 'component:default/cart-service',
    owner: 'group:default/storefront',
    people: storefront,
  },
  search: {
    ref: 'component:default/search-service',
    owner: 'group:default/storefront',
    people: storefront,
  },
  gateway: {
    ref: 'component:default/api-gateway',
    owner: 'group:default/platform',
    people: platform,
  },
  identity: {
    ref: 'component:default/identity-service',
    owner: 'group:default/platform',
    people: platform,
  },
};

interface Scenario {
  title: string;
  summary: string;
  severity: string;
  impacted: (keyof typeof services)[];
  notes: string[];
  updates: string[];
}

const scenarios: Scenario[] = [
  {
    title: 'Card payments declined for EU customers',
    summary:
      'Authorisations to the EU acquirer time out; customers see "payment failed".',
    severity: 'SEV1',
    impacted: ['payments', 'paymentsApi'],
    notes: [
      'Acquirer latency p99 above 20 s since 14:02',
      'Failing over to the secondary acquirer',
    ],
    updates: [
      'Some card payments in the EU fail. We are failing over to a second provider.',
    ],
  },
  {
    title: 'Search results stale after index rebuild',
    summary: 'New products do not appear in search.',
    severity: 'SEV3',
    impacted: ['search'],
    notes: ['Rebuild job finished but alias still points at the old index'],
    updates: [
      'New products may be missing from search results for a few hours.',
    ],
  },
  {
    title: 'Checkout page slow on mobile',
    summary: 'Checkout takes over 8 s to render on mobile networks.',
    severity: 'SEV2',
    impacted: ['checkout', 'cart'],
    notes: [
      "Bundle size doubled in yesterday's release",
      'Rolling back the release',
    ],
    updates: ['Checkout is slow on mobile. A rollback is in progress.'],
  },
  {
    title: 'Ledger reconciliation job failing nightly',
    summary: 'The nightly reconciliation aborts on a duplicate entry.',
    severity: 'SEV3',
    impacted: ['ledger'],
    notes: ['Duplicate comes from a refund retried twice'],
    updates: ['Finance reports are a day late; no money is affected.'],
  },
  {
    title: 'Login loops for customers with old sessions',
    summary:
      'Customers signed in before the key rotation are sent back to login.',
    severity: 'SEV2',
    impacted: ['identity', 'gateway'],
    notes: [
      'Old signing key removed too early',
      'Re-adding the previous key to the JWKS',
    ],
    updates: ['Some customers have to sign in again. A fix is rolling out.'],
  },
  {
    title: 'Fraud scores missing for 3 % of payments',
    summary:
      'The fraud detector times out under load; payments fall back to manual review.',
    severity: 'SEV2',
    impacted: ['fraud', 'payments'],
    notes: [
      'Model server CPU saturated',
      'Scaled the model server from 4 to 8 replicas',
    ],
    updates: ['Some payments are delayed for manual review.'],
  },
  {
    title: 'Payments database replica lag',
    summary: 'Read replica lags 10 minutes; receipts show stale totals.',
    severity: 'SEV3',
    impacted: ['db'],
    notes: ['Long-running analytics query on the replica'],
    updates: ['Receipts may show totals a few minutes late.'],
  },
  {
    title: 'Gateway 502s during deploy',
    summary: 'Rolling deploy drained connections too early.',
    severity: 'SEV2',
    impacted: ['gateway'],
    notes: ['Connection draining timeout 5 s, requests take up to 30 s'],
    updates: ['Some requests failed for 4 minutes during a deploy.'],
  },
  {
    title: 'Cart totals wrong with two discount codes',
    summary: 'Stacked discounts are applied twice.',
    severity: 'SEV3',
    impacted: ['cart'],
    notes: ['Rounding applied per discount instead of per cart'],
    updates: ['Carts with two discount codes may show a wrong total.'],
  },
  {
    title: 'Elevated 5xx from payments API',
    summary: 'Error rate at 4 % on POST /payments since the last deploy.',
    severity: 'SEV2',
    impacted: ['payments'],
    notes: ['Errors are connection pool exhaustion on payments-db'],
    updates: ['Some payments fail. We are investigating.'],
  },
];

/** A small deterministic generator, so every demo database tells the same story. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * Fills an empty Firebreak database with about three months of incident history for the
 * example catalog, with timelines, a few incidents still open. Does nothing when any incident
 * exists, so restarts keep what people did in the demo.
 *
 * @internal
 */
export async function seedDemoData(options: {
  store: IncidentStore;
  logger: LoggerService;
  now?: Date;
}): Promise<void> {
  const { store, logger } = options;
  if ((await store.countIncidents()) > 0) {
    return;
  }
  const now = options.now ?? new Date();
  const next = random(20261122);
  const count = 36;

  for (let i = 0; i < count; i++) {
    const scenario = scenarios[i % scenarios.length];
    const daysAgo = Math.round(((count - i) / count) * 88 + next() * 2);
    const declaredAt = new Date(
      now.getTime() - daysAgo * DAY - Math.floor(next() * 600) * MINUTE,
    );
    const open = i >= count - 3;
    const severity = DEFAULT_SEVERITY_LEVELS.find(
      s => s.id === scenario.severity,
    )!;
    const impacted = scenario.impacted.map(key => services[key]);
    const people = impacted[0].people;
    const commander = people[Math.floor(next() * people.length)];
    const reporter = people[Math.floor(next() * people.length)];

    // The impact starts 6 to 15 minutes before the declaring and is noticed 2 to 4 minutes in,
    // varied by position so the random sequence (and so the rest of the demo) stays as it was.
    const startedAt = new Date(
      declaredAt.getTime() - (6 + (i % 4) * 3) * MINUTE,
    );
    const detectedAt = new Date(startedAt.getTime() + (2 + (i % 3)) * MINUTE);

    let at = declaredAt.getTime();
    const events: NewTimelineEvent[] = [];
    const step = (minutes: number) => {
      at += Math.round(minutes * (0.5 + next())) * MINUTE;
      return new Date(Math.min(at, now.getTime() - MINUTE)).toISOString();
    };
    let status: IncidentStatus = 'investigating';
    const moveTo = (to: IncidentStatus, minutes: number) => {
      events.push({
        type: 'status_changed',
        actorRef: commander,
        at: step(minutes),
        data: { from: status, to, reopened: false },
      });
      status = to;
    };
    events.push({
      type: 'declared',
      actorRef: reporter,
      at: declaredAt.toISOString(),
      data: { title: scenario.title, severity: severity.id, status },
    });
    events.push({
      type: 'note',
      actorRef: commander,
      at: step(6),
      data: { text: scenario.notes[0], tag: 'observation', pinned: false },
    });
    events.push({
      type: 'status_update',
      actorRef: commander,
      at: step(10),
      data: { text: scenario.updates[0], audience: 'internal' },
    });

    let mitigatedAt: Date | undefined;
    let resolvedAt: Date | undefined;
    let closedAt: Date | undefined;
    if (!open || i === count - 1) {
      moveTo('identified', 20);
      if (scenario.notes[1]) {
        events.push({
          type: 'note',
          actorRef: commander,
          at: step(5),
          data: { text: scenario.notes[1], tag: 'decision', pinned: true },
        });
      }
    }
    if (!open) {
      moveTo('monitoring', 30);
      mitigatedAt = new Date(events[events.length - 1].at);
      moveTo('resolved', 45);
      resolvedAt = new Date(events[events.length - 1].at);
      if (daysAgo > 14) {
        moveTo('closed', 60 * 24 * 3);
        closedAt = new Date(events[events.length - 1].at);
      }
    }

    const incident = await store.createIncident(
      {
        title: scenario.title,
        summary: scenario.summary,
        severity: severity.id,
        impact: severity.defaultImpact,
        urgency: severity.defaultUrgency,
        priority: computePriority(
          DEFAULT_PRIORITY_MATRIX,
          severity.defaultImpact,
          severity.defaultUrgency,
        )!,
        status,
        entities: impacted.map(s => ({ entityRef: s.ref, ownerRef: s.owner })),
        source: 'portal',
        reporterRef: reporter,
        roles: { commander },
        responders: [],
        subscribers: [],
        links: [],
        startedAt,
        detectedAt,
        declaredAt,
      },
      { actorRef: reporter, events },
    );
    if (mitigatedAt || resolvedAt || closedAt) {
      await store.updateIncident(
        incident.incident.id,
        incident.incident.version,
        {
          mitigatedAt,
          resolvedAt,
          closedAt,
          updatedAt: closedAt ?? resolvedAt ?? mitigatedAt!,
        },
        [],
      );
    }
  }
  logger.info(`Seeded ${count} demo incidents`);
}
