import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { firebreakApiRef, FirebreakClient } from './api';
import {
  escalationPolicyRouteRef,
  incidentRouteRef,
  onCallRouteRef,
  rootRouteRef,
  scheduleRouteRef,
} from './routes';

/**
 * The Firebreak frontend plugin for the legacy frontend system.
 *
 * @public
 */
export const firebreakPlugin = createPlugin({
  id: 'firebreak',
  apis: [
    createApiFactory({
      api: firebreakApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FirebreakClient(deps),
    }),
  ],
  routes: {
    root: rootRouteRef,
    incident: incidentRouteRef,
    onCall: onCallRouteRef,
    schedule: scheduleRouteRef,
    escalationPolicy: escalationPolicyRouteRef,
  },
});

/**
 * The `/firebreak` page: incidents across the organisation, and on-call schedules and
 * escalation policies under `/firebreak/oncall`.
 *
 * @public
 */
export const FirebreakPage = firebreakPlugin.provide(
  createRoutableExtension({
    name: 'FirebreakPage',
    component: () =>
      import('./components/FirebreakPage').then(m => m.FirebreakPage),
    mountPoint: rootRouteRef,
  }),
);

/**
 * Entity page content: the entity's incident history, for an "Incidents" tab.
 *
 * @public
 */
export const EntityFirebreakContent = firebreakPlugin.provide(
  createComponentExtension({
    name: 'EntityFirebreakContent',
    component: {
      lazy: () =>
        import('./components/EntityIncidentsContent').then(
          m => m.EntityIncidentsContent,
        ),
    },
  }),
);

/**
 * Entity overview card: the entity's open incidents, worst first, or a way to declare one.
 *
 * @public
 */
export const EntityActiveIncidentsCard = firebreakPlugin.provide(
  createComponentExtension({
    name: 'EntityActiveIncidentsCard',
    component: {
      lazy: () =>
        import('./components/EntityActiveIncidentsCard').then(
          m => m.EntityActiveIncidentsCard,
        ),
    },
  }),
);
