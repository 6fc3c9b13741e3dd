import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { isFirebreakAvailable } from '@firebreak/backstage-plugin-common';
import { firebreakApiRef, FirebreakClient } from './api';
import {
  escalationPolicyRouteRef,
  incidentRouteRef,
  onCallRouteRef,
  rootRouteRef,
  scheduleRouteRef,
} from './routes';

const firebreakApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: firebreakApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new FirebreakClient(deps),
    }),
});

const firebreakPage = PageBlueprint.make({
  params: {
    path: '/firebreak',
    routeRef: convertLegacyRouteRef(rootRouteRef),
    loader: () =>
      import('./components/FirebreakPage').then(m => <m.FirebreakPage />),
  },
});

const entityIncidentsContent = EntityContentBlueprint.make({
  name: 'incidents',
  params: {
    path: '/incidents',
    title: 'Incidents',
    filter: isFirebreakAvailable,
    loader: () =>
      import('./components/EntityIncidentsContent').then(m => (
        <m.EntityIncidentsContent />
      )),
  },
});

const entityActiveIncidentsCard = EntityCardBlueprint.make({
  name: 'active-incidents',
  params: {
    filter: isFirebreakAvailable,
    loader: () =>
      import('./components/EntityActiveIncidentsCard').then(m => (
        <m.EntityActiveIncidentsCard />
      )),
  },
});

/**
 * The Firebreak frontend plugin for the new frontend system.
 *
 * @alpha
 */
export default createFrontendPlugin({
  pluginId: 'firebreak',
  extensions: [
    firebreakApi,
    firebreakPage,
    entityIncidentsContent,
    entityActiveIncidentsCard,
  ],
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    incident: convertLegacyRouteRef(incidentRouteRef),
    onCall: convertLegacyRouteRef(onCallRouteRef),
    schedule: convertLegacyRouteRef(scheduleRouteRef),
    escalationPolicy: convertLegacyRouteRef(escalationPolicyRouteRef),
  },
});
