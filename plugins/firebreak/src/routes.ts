import { createRouteRef } from '@backstage/core-plugin-api';

/**
 * The `/firebreak` page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'firebreak' });
