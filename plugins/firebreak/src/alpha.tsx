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
import { HomePageWidgetBlueprint } from '@backstage/plugin-home-react/alpha';
import { isFirebreakAvailable } from '@firebreak/backstage-plugin-common';
import { firebreakApiRef, FirebreakClient } from './api';
import {
  escalationPolicyRouteRef,
  followUpsRouteRef,
  incidentRouteRef,
  onCallRouteRef,
  postmortemRouteRef,
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

const entityOnCallCard = EntityCardBlueprint.make({
  name: 'oncall',
  params: {
    filter: isFirebreakAvailable,
    loader: () =>
      import('./components/EntityOnCallCard').then(m => <m.EntityOnCallCard />),
  },
});

// A person's own profile shows their shifts; the card draws nothing on anyone else's.
const entityUserOnCallCard = EntityCardBlueprint.make({
  name: 'user-oncall',
  params: {
    filter: 'kind:user',
    loader: () =>
      import('./components/MyOnCallCard').then(m => <m.EntityUserOnCallCard />),
  },
});

const myOnCallWidget = HomePageWidgetBlueprint.make({
  name: 'my-oncall',
  params: {
    title: 'My on-call',
    description: 'Your current and next on-call shifts, and your calendar feed',
    components: () =>
      import('./components/MyOnCallCard').then(m => ({
        Content: m.MyOnCallContent,
      })),
  },
});

// Action items (follow-ups): "What we owe" on group pages, "My follow-ups" on one's own profile
// and on the home page.
const entityFollowUpsCard = EntityCardBlueprint.make({
  name: 'follow-ups',
  params: {
    filter: 'kind:group',
    loader: () =>
      import('./components/ActionItems').then(m => <m.EntityFollowUpsCard />),
  },
});

const entityUserFollowUpsCard = EntityCardBlueprint.make({
  name: 'user-follow-ups',
  params: {
    filter: 'kind:user',
    loader: () =>
      import('./components/ActionItems').then(m => (
        <m.EntityUserFollowUpsCard />
      )),
  },
});

const myFollowUpsWidget = HomePageWidgetBlueprint.make({
  name: 'my-follow-ups',
  params: {
    title: 'My follow-ups',
    description: 'Your open action items from incidents, overdue first',
    components: () =>
      import('./components/ActionItems').then(m => ({
        Content: m.MyFollowUpsContent,
      })),
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
    entityOnCallCard,
    entityUserOnCallCard,
    myOnCallWidget,
    // Action items (follow-ups)
    entityFollowUpsCard,
    entityUserFollowUpsCard,
    myFollowUpsWidget,
  ],
  routes: {
    root: convertLegacyRouteRef(rootRouteRef),
    incident: convertLegacyRouteRef(incidentRouteRef),
    onCall: convertLegacyRouteRef(onCallRouteRef),
    schedule: convertLegacyRouteRef(scheduleRouteRef),
    escalationPolicy: convertLegacyRouteRef(escalationPolicyRouteRef),
    postmortem: convertLegacyRouteRef(postmortemRouteRef),
    followUps: convertLegacyRouteRef(followUpsRouteRef),
  },
});
