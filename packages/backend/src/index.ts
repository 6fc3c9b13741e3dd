/*
 * The example Backstage backend that runs Firebreak with a small catalog.
 */

import { createBackend } from '@backstage/backend-defaults';
import { permissionPolicyModule } from './permissionPolicy';
import { testSignInModule } from './testSignIn';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
// Active only where `auth.providers.e2e` is configured: the Playwright journeys' backend.
backend.add(testSignInModule);

backend.add(import('@backstage/plugin-catalog-backend'));

backend.add(import('@backstage/plugin-permission-backend'));
backend.add(permissionPolicyModule);

backend.add(import('@backstage/plugin-search-backend'));
backend.add(import('@backstage/plugin-search-backend-module-pg'));
backend.add(import('@backstage/plugin-search-backend-module-catalog'));

backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

backend.add(import('@firebreak/backstage-plugin-backend'));
backend.add(
  import('@firebreak/backstage-plugin-backend-module-github-tickets'),
);

backend.start();
