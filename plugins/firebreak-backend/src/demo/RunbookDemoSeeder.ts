import { LoggerService } from '@backstage/backend-plugin-api';
import { RunbookContent, RunbookStore } from '../runbooks/RunbookStore';

const PAYMENTS = 'group:default/payments';
const STOREFRONT = 'group:default/storefront';

/** The example organisation's stored runbooks: checklists for the main services. */
const DEMO_RUNBOOKS: Array<RunbookContent & { revisions?: string[] }> = [
  {
    title: 'Card payments failing',
    body: 'Use when the authorisation success rate drops or checkout reports payment errors.\n\nPage the payment provider only after the first three steps.',
    ownerRef: PAYMENTS,
    entityRefs: ['component:default/payments-api'],
    severities: [],
    steps: [
      {
        title: 'Check the authorisation success rate',
        body: 'A drop below 92% for five minutes is an incident.',
        url: 'https://grafana.northwind.example/d/payments-api',
      },
      {
        title: 'Look for a deploy in the last hour',
        body: 'Roll back with `deploy rollback payments-api` if one lines up.',
      },
      { title: "Check the provider's status page" },
      {
        title: 'Fail over to the secondary provider',
        body: 'Set `payments.provider` to `secondary` in the feature flags.',
      },
      { title: 'Post a status update for checkout' },
    ],
    revisions: ['Card payments failing or slow'],
  },
  {
    title: 'Ledger falling behind',
    body: 'The ledger consumes captured payments from the queue; a growing lag delays refunds.',
    ownerRef: PAYMENTS,
    entityRefs: [
      'component:default/ledger-service',
      'resource:default/payments-db',
    ],
    severities: ['SEV1', 'SEV2'],
    steps: [
      { title: 'Check the consumer lag of `payments.captured`' },
      { title: 'Check database connections and slow queries' },
      { title: 'Scale the ledger consumers to six replicas' },
    ],
  },
  {
    title: 'Checkout errors',
    body: 'For raised error rates on the checkout pages.',
    ownerRef: STOREFRONT,
    entityRefs: [
      'component:default/checkout-web',
      'component:default/cart-service',
    ],
    severities: [],
    steps: [
      { title: 'Check the error rate by page and browser' },
      { title: 'Check the cart and payments APIs it calls' },
      {
        title: 'Turn off the new checkout flow',
        body: 'Flag `checkout.v2` off; it falls back to the old flow.',
      },
    ],
  },
  {
    title: 'Search index stale or empty',
    body: 'Products missing from search, or search answering nothing.',
    ownerRef: STOREFRONT,
    entityRefs: ['component:default/search-service'],
    severities: [],
    steps: [
      { title: 'Check the age of the newest index' },
      { title: 'Switch the alias back to the previous index' },
      { title: 'Start a full reindex' },
    ],
  },
];

/**
 * Fills an empty runbook store with the example organisation's runbooks; one has a second
 * version, so the demo shows a history.
 *
 * @internal
 */
export async function seedRunbookDemoData(options: {
  store: RunbookStore;
  logger: LoggerService;
  now: Date;
}): Promise<void> {
  const { store, logger, now } = options;
  if ((await store.countRunbooks()) > 0) {
    return;
  }
  for (const { revisions, ...content } of DEMO_RUNBOOKS) {
    const ownerMember =
      content.ownerRef === PAYMENTS
        ? 'user:default/alice.nguyen'
        : 'user:default/farah.haddad';
    let runbook = await store.createRunbook(content, ownerMember, now);
    for (const title of revisions ?? []) {
      runbook = await store.saveVersion(
        runbook.id,
        runbook.version,
        { ...content, title, steps: runbook.steps },
        ownerMember,
        now,
      );
    }
  }
  logger.info(`Seeded ${DEMO_RUNBOOKS.length} demo runbooks`);
}
