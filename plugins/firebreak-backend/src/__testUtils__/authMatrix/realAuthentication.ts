import {
  AuthService,
  BackendFeature,
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
// Backstage's own auth services, as a production backend installs them.
import { authServiceFactory } from '@backstage/backend-defaults/auth';
import { httpAuthServiceFactory } from '@backstage/backend-defaults/httpAuth';
import express from 'express';
import { TestTokenIssuer } from './TestTokenIssuer';

/**
 * What a test backend needs to verify tokens for real, the way a production backend does:
 * - Backstage's auth and httpAuth services. The auth service keeps the plugin's signing keys
 *   in the plugin's database (the default `backend.auth.pluginKeyStore`, no config needed)
 *   and finds other plugins through the test backend's real discovery, pointed at its own
 *   port.
 * - A module of the firebreak plugin that publishes the issuer's key where the auth service
 *   looks for the keys of user tokens, the auth plugin's `/api/auth/.well-known/jwks.json`,
 *   and hands the test the plugin's own auth service, to issue real plugin tokens. The keys
 *   are served from the root router, not by an `auth` plugin: every plugin gets its own auth
 *   service, and two of them would create the key store's tables in the one test database
 *   at once.
 */
export function realAuthentication(issuer: TestTokenIssuer): {
  features: BackendFeature[];
  firebreakAuth: Promise<AuthService>;
} {
  let resolveAuth: (auth: AuthService) => void;
  const firebreakAuth = new Promise<AuthService>(resolve => {
    resolveAuth = resolve;
  });
  const firebreakTestModule = createBackendModule({
    pluginId: 'firebreak',
    moduleId: 'test-authentication',
    register(env) {
      env.registerInit({
        deps: {
          auth: coreServices.auth,
          rootHttpRouter: coreServices.rootHttpRouter,
        },
        async init({ auth, rootHttpRouter }) {
          const userTokenKeys = express.Router();
          userTokenKeys.get('/.well-known/jwks.json', (_req, res) => {
            res.json(issuer.jwks);
          });
          rootHttpRouter.use('/api/auth', userTokenKeys);
          resolveAuth(auth);
        },
      });
    },
  });
  return {
    features: [authServiceFactory, httpAuthServiceFactory, firebreakTestModule],
    firebreakAuth,
  };
}
