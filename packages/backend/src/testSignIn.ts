/*
 * A sign-in for the end-to-end journeys only: it lets a journey act as a second person, such as
 * the reviewer who approves a postmortem someone else wrote.
 */

import { createBackendModule } from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import {
  authProvidersExtensionPoint,
  createProxyAuthenticator,
  createProxyAuthProviderFactory,
} from '@backstage/plugin-auth-node';

/** The header that names the catalog user to sign in as, such as `bruno.costa`. */
export const TEST_USER_HEADER = 'x-firebreak-test-user';

const userName = /^[a-z0-9][a-z0-9._-]{0,62}$/;

/** The e2e provider's authenticator: the header names the user. */
export const testUserAuthenticator = createProxyAuthenticator({
  defaultProfileTransform: async () => ({ profile: {} }),
  initialize: () => undefined,
  async authenticate({ req }) {
    // Twice guarded: the provider is off unless `auth.providers.e2e` is configured (only the
    // Playwright run does), and it refuses outside development whatever the configuration.
    if (process.env.NODE_ENV !== 'development') {
      throw new NotAllowedError(
        'The e2e sign-in works only in a development environment',
      );
    }
    const name = req.header(TEST_USER_HEADER) ?? '';
    if (!userName.test(name)) {
      throw new InputError(
        `${TEST_USER_HEADER}: must name a user in the default namespace, such as bruno.costa`,
      );
    }
    return { result: { userRef: `user:default/${name}` } };
  },
});

/**
 * Registers the `e2e` auth provider: `GET /api/auth/e2e/refresh` with the
 * `x-firebreak-test-user` header signs in as that catalog user, with their ownership claims.
 * Inactive unless `auth.providers.e2e` is configured; refuses outside development.
 */
export const testSignInModule = createBackendModule({
  pluginId: 'auth',
  moduleId: 'firebreak-e2e-sign-in',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'e2e',
          factory: createProxyAuthProviderFactory({
            authenticator: testUserAuthenticator,
            signInResolver: async ({ result }, ctx) =>
              ctx.signInWithCatalogUser({ entityRef: result.userRef }),
          }),
        });
      },
    });
  },
});
