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
