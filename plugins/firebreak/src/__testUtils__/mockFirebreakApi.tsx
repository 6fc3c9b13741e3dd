import { CatalogApi } from '@backstage/catalog-client';
import { InMemoryCatalogClient } from '@backstage/catalog-client/testUtils';
import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SignalApi } from '@backstage/plugin-signals-react';
import { mockApis } from '@backstage/test-utils';
import { act } from '@testing-library/react';
import {
  DEFAULT_INCIDENT_ROLES,
  DEFAULT_PRIORITY_MATRIX,
  DEFAULT_SEVERITY_LEVELS,
  Incident,
} from '@firebreak/backstage-plugin-common';
import { FirebreakApi, firebreakApiRef } from '../api';
import { rootRouteRef } from '../routes';

export const testIncident: Incident = {
  id: '6f1c1c3e-0000-4000-8000-000000000001',
  ref: 'INC-42',
  title: 'Elevated 5xx from payments API',
  summary: 'Error rate at 4 %',
  severity: 'SEV2',
  priority: 'P2',
  impact: 'medium',
  urgency: 'high',
  status: 'investigating',
  entityRefs: ['component:default/payments-api'],
  source: 'portal',
  reporterRef: 'user:default/alice',
  roles: { commander: 'user:default/alice' },
  responders: [],
  subscribers: [],
  links: [],
  startedAt: '2026-11-20T10:00:00.000Z',
  declaredAt: '2026-11-20T10:00:00.000Z',
  updatedAt: '2026-11-20T10:00:00.000Z',
  version: 3,
};

/** A FirebreakApi whose methods are jest mocks with harmless answers. */
export function mockFirebreakApi(
  overrides: Partial<FirebreakApi> = {},
): jest.Mocked<FirebreakApi> {
  return {
    listIncidents: jest.fn(async () => ({ items: [] })),
    getIncident: jest.fn(async () => testIncident),
    declareIncident: jest.fn(async () => testIncident),
    updateIncident: jest.fn(async () => testIncident),
    getTimeline: jest.fn(async () => ({ items: [] })),
    postToTimeline: jest.fn(),
    joinIncident: jest.fn(async () => testIncident),
    leaveIncident: jest.fn(async () => testIncident),
    getSettings: jest.fn(async () => ({
      severities: [...DEFAULT_SEVERITY_LEVELS],
      priority: DEFAULT_PRIORITY_MATRIX,
      roles: [...DEFAULT_INCIDENT_ROLES],
    })),
    listPages: jest.fn(async () => ({ items: [] })),
    acknowledgeIncident: jest.fn(async () => ({
      acknowledged: 1,
      incident: testIncident,
    })),
    escalateIncident: jest.fn(async () => ({ escalated: 1 })),
    getOnCall: jest.fn(async (entityRef: string) => ({
      entityRef,
      levels: [],
    })),
    listSchedules: jest.fn(async () => ({ items: [] })),
    getSchedule: jest.fn(),
    createSchedule: jest.fn(),
    updateSchedule: jest.fn(),
    deleteSchedule: jest.fn(async () => undefined),
    getScheduleShifts: jest.fn(async () => []),
    addOverride: jest.fn(),
    deleteOverride: jest.fn(async () => undefined),
    listEscalationPolicies: jest.fn(async () => ({ items: [] })),
    getEscalationPolicy: jest.fn(),
    createEscalationPolicy: jest.fn(),
    updateEscalationPolicy: jest.fn(),
    deleteEscalationPolicy: jest.fn(async () => undefined),
    getMyShifts: jest.fn(async () => ({ items: [] })),
    getCalendarFeedUrl: jest.fn(
      async () => 'http://localhost:7007/api/firebreak/calendar/token.ics',
    ),
    // Action items (follow-ups)
    listActionItems: jest.fn(async () => ({ items: [] })),
    createActionItem: jest.fn(),
    updateActionItem: jest.fn(),
    createActionItemTicket: jest.fn(),
    rotateCalendarFeedUrl: jest.fn(
      async () => 'http://localhost:7007/api/firebreak/calendar/rotated.ics',
    ),
    // Runbooks
    listEntityRunbooks: jest.fn(async () => ({ items: [] })),
    getRunbook: jest.fn(),
    createRunbook: jest.fn(),
    updateRunbook: jest.fn(),
    listRunbookVersions: jest.fn(async () => ({ items: [] })),
    getIncidentRunbooks: jest.fn(async () => ({
      incidentId: testIncident.id,
      severity: testIncident.severity,
      items: [],
    })),
    tickRunbookStep: jest.fn(),
    // Postmortems (issue 12): none by default.
    getIncidentPostmortem: jest.fn(async () => undefined),
    startPostmortem: jest.fn(),
    getPostmortem: jest.fn(),
    updatePostmortem: jest.fn(),
    approvePostmortem: jest.fn(),
    attachPostmortemIncident: jest.fn(),
    detachPostmortemIncident: jest.fn(),
    exportPostmortem: jest.fn(async () => '# Postmortem'),
    listPostmortemActionItems: jest.fn(async () => ({ items: [] })),
    ...overrides,
  } as jest.Mocked<FirebreakApi>;
}

/** The signed-in user of component tests. */
export const testIdentityApi = mockApis.identity({
  userEntityRef: 'user:default/alice',
});

/** The signed-in user of component tests, as a member of the Payments team. */
export const teamMemberIdentityApi = mockApis.identity({
  userEntityRef: 'user:default/alice',
  ownershipEntityRefs: ['user:default/alice', 'group:default/payments-team'],
});

/** Routes the components link to. */
export const mountedRoutes = {
  '/catalog/:namespace/:kind/:name': entityRouteRef,
  '/firebreak': rootRouteRef,
};

/**
 * The APIs Firebreak components use: the given Firebreak API, a permission answer, a small
 * catalog for the pickers, and Alice signed in.
 */
export function testApis(
  api: FirebreakApi,
  /** One answer for every check, or an answer per check (by permission and resource ref). */
  permission: NonNullable<
    Parameters<typeof mockApis.permission>[0]
  >['authorize'] = AuthorizeResult.ALLOW,
  identityApi: typeof testIdentityApi = testIdentityApi,
) {
  return [
    [firebreakApiRef, api],
    [permissionApiRef, mockApis.permission({ authorize: permission })],
    [catalogApiRef, testCatalogApi()],
    [identityApiRef, identityApi],
  ] as const;
}

type SignalMessage = Parameters<Parameters<SignalApi['subscribe']>[1]>[0];

/** A signal API whose messages the test sends with `publish`. */
export function mockSignalApi() {
  const subscribers = new Map<string, Set<(message: SignalMessage) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      const listeners = subscribers.get(channel) ?? new Set();
      const listener = onMessage as (message: SignalMessage) => void;
      listeners.add(listener);
      subscribers.set(channel, listeners);
      return { unsubscribe: () => listeners.delete(listener) };
    },
  };
  return {
    api,
    /** Delivers a message to everyone subscribed to the channel. */
    publish(channel: string, message: SignalMessage) {
      act(() => {
        subscribers.get(channel)?.forEach(listener => listener(message));
      });
    },
  };
}

/** A small catalog for the pickers: people and things an incident can impact. */
export function testCatalogApi(): CatalogApi {
  const user = (name: string, displayName: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: { profile: { displayName, email: `${name}@example.com` } },
  });
  const thing = (kind: string, name: string, title: string) => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', title },
    spec: { type: 'service' },
  });
  return new InMemoryCatalogClient({
    entities: [
      user('alice', 'Alice Nguyen'),
      user('bob', 'Bob Okafor'),
      thing('Component', 'payments-api', 'Payments API'),
      thing('Component', 'checkout-web', 'Checkout web'),
      thing('System', 'payments', 'Payments system'),
      thing('Group', 'payments-team', 'Payments team'),
    ],
  });
}
