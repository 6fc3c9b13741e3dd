import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The `/firebreak` page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'firebreak' });

/**
 * One incident's page, by reference: `/firebreak/incidents/INC-42`.
 *
 * @public
 */
export const incidentRouteRef = createSubRouteRef({
  id: 'firebreak/incident',
  parent: rootRouteRef,
  path: '/incidents/:ref',
});

/**
 * Schedules and escalation policies: `/firebreak/oncall`.
 *
 * @public
 */
export const onCallRouteRef = createSubRouteRef({
  id: 'firebreak/oncall',
  parent: rootRouteRef,
  path: '/oncall',
});

/**
 * One schedule's page: `/firebreak/oncall/schedules/<id>`.
 *
 * @public
 */
export const scheduleRouteRef = createSubRouteRef({
  id: 'firebreak/schedule',
  parent: rootRouteRef,
  path: '/oncall/schedules/:id',
});

/**
 * One escalation policy's page: `/firebreak/oncall/policies/<id>`.
 *
 * @public
 */
export const escalationPolicyRouteRef = createSubRouteRef({
  id: 'firebreak/escalation-policy',
  parent: rootRouteRef,
  path: '/oncall/policies/:id',
});
