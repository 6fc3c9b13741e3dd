import {
  createApiFactory,
  createComponentExtension,
  createPlugin,
  createRoutableExtension,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/core-plugin-api';
import { InfoCardVariants } from '@backstage/core-components';
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
    postmortem: postmortemRouteRef,
    followUps: followUpsRouteRef,
  },
});

/**
 * The `/firebreak` page: incidents across the organisation, and on-call schedules and
 * escalation policies under `/firebreak/oncall`.
 *
 * @public
 */
export const FirebreakPage: () => JSX.Element = firebreakPlugin.provide(
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
export const EntityFirebreakContent: () => JSX.Element =
  firebreakPlugin.provide(
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
export const EntityActiveIncidentsCard: (props: {
  variant?: InfoCardVariants;
}) => JSX.Element = firebreakPlugin.provide(
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

/**
 * Entity overview card: who is on call for the entity now and next, per level of the escalation
 * policy that pages for it, or how to set one up.
 *
 * @public
 */
export const EntityOnCallCard: (props: {
  variant?: InfoCardVariants;
}) => JSX.Element = firebreakPlugin.provide(
  createComponentExtension({
    name: 'EntityOnCallCard',
    component: {
      lazy: () =>
        import('./components/EntityOnCallCard').then(m => m.EntityOnCallCard),
    },
  }),
);

/**
 * Home page card: the signed-in person's current and next shifts, and their calendar feed.
 *
 * @public
 */
export const MyOnCallCard: (props: {
  variant?: InfoCardVariants;
}) => JSX.Element = firebreakPlugin.provide(
  createComponentExtension({
    name: 'MyOnCallCard',
    component: {
      lazy: () => import('./components/MyOnCallCard').then(m => m.MyOnCallCard),
    },
  }),
);

/**
 * User profile card: "My on-call" on the signed-in person's own profile page; nothing on
 * anyone else's.
 *
 * @public
 */
export const EntityUserOnCallCard: (props: {
  variant?: InfoCardVariants;
}) => JSX.Element | null = firebreakPlugin.provide(
  createComponentExtension({
    name: 'EntityUserOnCallCard',
    component: {
      lazy: () =>
        import('./components/MyOnCallCard').then(m => m.EntityUserOnCallCard),
    },
  }),
);

// Action items (follow-ups)

/**
 * Entity card of follow-ups: "What we owe" on a group page (the open action items of the group
 * and its members), the open items about the entity elsewhere.
 *
 * @public
 */
export const EntityFollowUpsCard: (props: {
  variant?: InfoCardVariants;
}) => JSX.Element = firebreakPlugin.provide(
  createComponentExtension({
    name: 'EntityFollowUpsCard',
    component: {
      lazy: () =>
        import('./components/ActionItems').then(m => m.EntityFollowUpsCard),
    },
  }),
);

/**
 * Home page card: "My follow-ups", the signed-in person's open action items, overdue first.
 *
 * @public
 */
export const MyFollowUpsCard: (props: {
  variant?: InfoCardVariants;
}) => JSX.Element = firebreakPlugin.provide(
  createComponentExtension({
    name: 'MyFollowUpsCard',
    component: {
      lazy: () =>
        import('./components/ActionItems').then(m => m.MyFollowUpsCard),
    },
  }),
);

/**
 * User profile card: "My follow-ups" on the signed-in person's own profile page; nothing on
 * anyone else's.
 *
 * @public
 */
export const EntityUserFollowUpsCard: (props: {
  variant?: InfoCardVariants;
}) => JSX.Element | null = firebreakPlugin.provide(
  createComponentExtension({
    name: 'EntityUserFollowUpsCard',
    component: {
      lazy: () =>
        import('./components/ActionItems').then(m => m.EntityUserFollowUpsCard),
    },
  }),
);
