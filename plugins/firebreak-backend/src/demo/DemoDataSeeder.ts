import { LoggerService } from '@backstage/backend-plugin-api';
import { IncidentStatus } from '@firebreak/backstage-plugin-common';
import { IncidentStore } from '../incidents/IncidentStore';

interface DemoIncident {
  title: string;
  severity: string;
  status: IncidentStatus;
  entityRefs: string[];
  daysAgo: number;
}

// Incidents of the example catalog in examples/, oldest first so references count up in time.
const demoIncidents: DemoIncident[] = [
  {
    title: 'Card payments declined for EU customers',
    severity: 'SEV1',
    status: 'closed',
    entityRefs: [
      'component:default/payments-api',
      'api:default/payments-rest-api',
    ],
    daysAgo: 74,
  },
  {
    title: 'Search results stale after index rebuild',
    severity: 'SEV3',
    status: 'closed',
    entityRefs: ['component:default/search-service'],
    daysAgo: 51,
  },
  {
    title: 'Checkout page slow on mobile',
    severity: 'SEV2',
    status: 'resolved',
    entityRefs: [
      'component:default/checkout-web',
      'component:default/cart-service',
    ],
    daysAgo: 23,
  },
  {
    title: 'Ledger reconciliation job failing nightly',
    severity: 'SEV3',
    status: 'resolved',
    entityRefs: ['component:default/ledger-service'],
    daysAgo: 9,
  },
  {
    title: 'Elevated 5xx from payments API',
    severity: 'SEV2',
    status: 'investigating',
    entityRefs: ['component:default/payments-api'],
    daysAgo: 0,
  },
];

/**
 * Fills an empty Firebreak database with a short incident history for the example catalog.
 * Does nothing when any incident exists, so restarts keep what people did in the demo.
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
  for (const incident of demoIncidents) {
    await store.insertIncident({
      ...incident,
      declaredAt: new Date(
        now.getTime() - incident.daysAgo * 86_400_000 - 3_600_000,
      ),
    });
  }
  logger.info(`Seeded ${demoIncidents.length} demo incidents`);
}
