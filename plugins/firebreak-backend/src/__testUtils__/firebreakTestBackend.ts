import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  createServiceFactory,
  BackendFeature,
  BackstageCredentials,
  SchedulerServiceTaskInvocationDefinition,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  NotificationSendOptions,
  notificationService,
} from '@backstage/plugin-notifications-node';
import {
  SignalPayload,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import { FirebreakTicketExporter } from '@firebreak/backstage-plugin-node';
import { Knex } from 'knex';
import request from 'supertest';
import { firebreakClockServiceRef } from '../clock';
import { firebreakPlugin } from '../plugin';
import { FakeTicketExporter, ticketExporterModule } from './fakeTicketExporter';
import { checkExchangesAgainstSpec } from './openApiConformance';

function entity(
  kind: string,
  name: string,
  relations: [string, string][] = [],
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default' },
    spec: {},
    relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
  };
}

/** A small catalog: two teams, their services, a system, and people. */
export const testCatalog: Entity[] = [
  entity('Group', 'payments'),
  {
    // Postmortem due dates count days in the team's zone.
    ...entity('Group', 'storefront'),
    metadata: {
      name: 'storefront',
      namespace: 'default',
      annotations: { 'firebreak.dev/time-zone': 'Asia/Tokyo' },
    },
  },
  entity('Group', 'leadership'),
  entity('User', 'alice', [['memberOf', 'group:default/payments']]),
  entity('User', 'bob', [['memberOf', 'group:default/storefront']]),
  entity('User', 'viewer'),
  entity('User', 'mallory'),
  entity('System', 'shop', [
    ['hasPart', 'component:default/checkout'],
    ['hasPart', 'component:default/cart'],
    ['ownedBy', 'group:default/storefront'],
  ]),
  entity('Component', 'payments-api', [['ownedBy', 'group:default/payments']]),
  {
    ...entity('Component', 'ledger', [['ownedBy', 'group:default/payments']]),
    metadata: {
      name: 'ledger',
      namespace: 'default',
      // Runbooks from the catalog, script links among them that must never be handed out.
      /* eslint-disable no-script-url */
      annotations: {
        'firebreak.dev/runbooks':
          'https://wiki.example.com/ledger, javascript:alert(1)\nhttps://wiki.example.com/ledger/db',
      },
      links: [
        {
          url: 'https://runbooks.example.com/ledger',
          title: 'Ledger runbook',
          type: 'runbook',
        },
        { url: 'javascript:alert(2)', title: 'Sneaky', type: 'runbook' },
        /* eslint-enable no-script-url */
        { url: 'https://grafana.example.com/ledger', type: 'dashboard' },
      ],
    },
  },
  entity('Component', 'checkout', [
    ['ownedBy', 'group:default/storefront'],
    ['partOf', 'system:default/shop'],
  ]),
  entity('Component', 'cart', [
    ['ownedBy', 'group:default/storefront'],
    ['partOf', 'system:default/shop'],
  ]),
  {
    // Its follow-ups are due a week after resolution, whatever the configured days.
    ...entity('Component', 'billing', [['ownedBy', 'group:default/payments']]),
    metadata: {
      name: 'billing',
      namespace: 'default',
      annotations: { 'firebreak.dev/action-item-due-days': '7' },
    },
  },
  {
    ...entity('Component', 'search', [['ownedBy', 'group:default/storefront']]),
    metadata: {
      name: 'search',
      namespace: 'default',
      annotations: { 'firebreak.dev/escalation-policy': 'Search experts' },
    },
  },
];

export const users = {
  alice: 'user:default/alice',
  bob: 'user:default/bob',
  /** May read incidents, nothing else. */
  viewer: 'user:default/viewer',
  /** May do nothing. */
  mallory: 'user:default/mallory',
};

/** Authorization header of a user. */
export function as(userRef: string) {
  return mockCredentials.user.header(userRef);
}

/** Sends a request to a test backend's API as a user (alice unless named). */
export function callApi(
  server: any,
  method: 'get' | 'post' | 'put' | 'patch' | 'delete',
  path: string,
  body?: object,
  user: string = users.alice,
) {
  const req = request(server)
    [method](`/api/firebreak${path}`)
    .set('Authorization', as(user));
  return body === undefined ? req : req.send(body);
}

/**
 * A clock for `startFirebreak` that moves `stepMs` on every reading, from `start` on, so that
 * what the plugin records keeps the order it happened in.
 */
export function tickingClock(start: string, stepMs = 1000): () => Date {
  let instant = Date.parse(start);
  return () => new Date((instant += stepMs));
}

function userOf(credentials: BackstageCredentials) {
  return (credentials.principal as { userEntityRef?: string }).userEntityRef;
}

/** The test policy: mallory may do nothing, viewer may only read, everyone else anything. */
function decide(
  permissionName: string,
  credentials: BackstageCredentials,
  conditionalRead?: object,
): PolicyDecision {
  const user = userOf(credentials);
  if (user === users.mallory) return { result: AuthorizeResult.DENY };
  if (user === users.viewer && !permissionName.endsWith('.read')) {
    return { result: AuthorizeResult.DENY };
  }
  if (conditionalRead && permissionName.endsWith('.read')) {
    return conditionalRead as PolicyDecision;
  }
  return { result: AuthorizeResult.ALLOW };
}

/** What the plugin sent through notifications and signals. */
export interface Sent {
  notifications: NotificationSendOptions[];
  signals: SignalPayload[];
}

/**
 * Tests drive the paging engine themselves (with their clock), so its timer is off unless a
 * test's config turns it on.
 */
function withTestDefaults(config: { firebreak?: object } = {}) {
  return {
    ...config,
    firebreak: { paging: { checkIntervalSeconds: 0 }, ...config.firebreak },
  };
}

/** One auditor event the plugin recorded, with how it ended. */
export interface AuditedEvent {
  eventId: string;
  meta?: object;
  outcome: 'pending' | 'success' | 'fail';
  error?: string;
}

/** One permission check the plugin asked for. */
export interface AskedPermission {
  permission: string;
  resourceRef?: string;
  user?: string;
}

/** A test backend as `startFirebreak` answers it. */
export type FirebreakTestBackend = Awaited<ReturnType<typeof startFirebreak>>;

export async function startFirebreak(options: {
  knex: Knex;
  config?: object;
  /** A conditional decision for list reads, as a policy would give. */
  conditionalRead?: object;
  now?: () => Date;
  /** How long each notification takes to send, like a real service. */
  sendDelayMs?: number;
  /**
   * How requests are authenticated: by default the mock httpAuth, which takes
   * `mockCredentials` headers; tests of real token verification pass Backstage's own
   * auth and httpAuth factories instead, with whatever else they need.
   */
  authentication?: BackendFeature[];
  /** Denies some checks before the test policy decides, e.g. by resource ref. */
  deny?: (asked: AskedPermission) => boolean;
  /** More features to install, such as modules that use Firebreak's extension points. */
  features?: BackendFeature[];
  /**
   * The ticket exporters installed: by default one in-memory tracker that supports every
   * entity, so that tickets can be created; `[]` for none.
   */
  ticketExporters?: FirebreakTicketExporter[];
  /** More catalog entities, next to the test catalog's. */
  entities?: Entity[];
}) {
  const ticketExporters = options.ticketExporters ?? [new FakeTicketExporter()];
  const sent: Sent = { notifications: [], signals: [] };
  /** Every `authorize` check, in order, for tests of what is asked. */
  const asked: AskedPermission[] = [];
  const permissions = mockServices.permissions.mock({
    authorize: async (requests, { credentials }) =>
      requests.map(r => {
        const check: AskedPermission = {
          permission: r.permission.name,
          resourceRef: (r as { resourceRef?: string }).resourceRef,
          user: userOf(credentials),
        };
        asked.push(check);
        if (options.deny?.(check)) {
          return { result: AuthorizeResult.DENY };
        }
        return decide(r.permission.name, credentials) as any;
      }),
    authorizeConditional: async (requests, { credentials }) =>
      requests.map(
        r =>
          decide(
            r.permission.name,
            credentials,
            options.conditionalRead,
          ) as any,
      ),
  });
  const audits: AuditedEvent[] = [];
  const auditor = mockServices.auditor.mock({
    createEvent: async ({ eventId, meta }) => {
      const event: AuditedEvent = { eventId, meta, outcome: 'pending' };
      audits.push(event);
      return {
        success: async () => {
          event.outcome = 'success';
        },
        fail: async ({ error }) => {
          event.outcome = 'fail';
          event.error = error.message;
        },
      };
    },
  });
  // Scheduled tasks run when a test says so, with its clock; each backend (a replica) has its own.
  const tasks = new Map<string, SchedulerServiceTaskInvocationDefinition>();
  const scheduler = mockServices.scheduler.mock({
    scheduleTask: async task => {
      tasks.set(task.id, task);
    },
  });
  // One catalog for the plugin, returned so that tests can watch what is asked of it.
  const catalog = catalogServiceMock({
    entities: [...testCatalog, ...(options.entities ?? [])],
  });
  const backend = await startTestBackend({
    features: [
      firebreakPlugin,
      ...(ticketExporters.length > 0
        ? [ticketExporterModule(ticketExporters)]
        : []),
      ...(options.features ?? []),
      scheduler.factory,
      mockServices.database.factory({ knex: options.knex }),
      mockServices.rootConfig.factory({
        data: withTestDefaults(options.config),
      }),
      ...(options.authentication ?? [
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ]),
      permissions.factory,
      auditor.factory,
      createServiceFactory({
        service: catalogServiceRef,
        deps: {},
        factory: () => catalog,
      }),
      createServiceFactory({
        service: firebreakClockServiceRef,
        deps: {},
        factory: () => ({ now: options.now ?? (() => new Date()) }),
      }),
      createServiceFactory({
        service: signalsServiceRef,
        deps: {},
        factory: () => ({
          publish: async (signal: SignalPayload) => {
            sent.signals.push(signal);
          },
        }),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({
          send: async (notification: NotificationSendOptions) => {
            if (options.sendDelayMs) {
              await new Promise(r => setTimeout(r, options.sendDelayMs));
            }
            sent.notifications.push(notification);
          },
        }),
      }),
    ],
  });
  // Every request a test sends is also a check that the API does what its spec says.
  checkExchangesAgainstSpec(backend.server);
  /** Runs a task the plugin scheduled once, as the scheduler would on this replica. */
  async function runTask(id: string) {
    const task = tasks.get(id);
    if (!task) throw new Error(`No task ${id} was scheduled`);
    await task.fn(new AbortController().signal);
  }
  return {
    server: backend.server,
    sent,
    backend,
    tasks,
    runTask,
    asked,
    audits,
    ticketExporters,
    catalog,
  };
}
