import path from 'node:path';
import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  isPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  createFirebreakIncidentConditionalDecision,
  createFirebreakOnCallConditionalDecision,
  firebreakIncidentConditions,
  firebreakOnCallConditions,
} from '@firebreak/backstage-plugin-backend';
import {
  firebreakIncidentUpdatePermission,
  firebreakOnCallUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import { BenchConnection } from './database';

/**
 * The example portal's policy (packages/backend), less its catalog rule: anyone signed in
 * reads incidents and on-call; an incident is changed by the owners of what it impacts and by
 * its role holders; schedules and escalation policies by their team.
 */
class ExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (isPermission(request.permission, firebreakIncidentUpdatePermission)) {
      return createFirebreakIncidentConditionalDecision(request.permission, {
        anyOf: [
          firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims }),
          firebreakIncidentConditions.hasIncidentRole({ claims }),
        ],
      });
    }
    if (isPermission(request.permission, firebreakOnCallUpdatePermission)) {
      return createFirebreakOnCallConditionalDecision(
        request.permission,
        firebreakOnCallConditions.isOnCallOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * Installs the example portal's permission policy in the permission plugin.
 *
 * @internal
 */
export const examplePolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ExamplePermissionPolicy());
      },
    });
  },
});

/**
 * The app-config of a bench backend: listening on `port`, Firebreak on the bench database,
 * auth and permission keeping their few rows in in-memory SQLite, the guest provider signing
 * in as `userEntityRef`, and anything in `extra` on top.
 *
 * @internal
 */
export function benchBackendConfig(options: {
  connection: BenchConnection;
  port: number;
  userEntityRef: string;
  permissionEnabled?: boolean;
  extra?: Record<string, unknown>;
}) {
  const { connection, port } = options;
  const firebreakDatabase =
    connection.dialect === 'pg'
      ? {
          client: 'pg',
          connection: connection.connectionString,
          // The bench created it; checking would go through the base (SQLite) client.
          ensureExists: false,
        }
      : {
          client: 'better-sqlite3',
          // Backstage joins the two, so an absolute filename alone would become relative.
          connection: {
            directory: path.dirname(connection.filename),
            filename: path.basename(connection.filename),
          },
        };
  return {
    app: { baseUrl: `http://127.0.0.1:${port}` },
    backend: {
      baseUrl: `http://127.0.0.1:${port}`,
      listen: { host: '127.0.0.1', port },
      database: {
        client: 'better-sqlite3',
        connection: ':memory:',
        plugin: { firebreak: firebreakDatabase },
      },
    },
    auth: {
      providers: {
        guest: {
          userEntityRef: options.userEntityRef,
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    },
    permission: { enabled: options.permissionEnabled ?? true },
    ...options.extra,
  };
}

/**
 * Signs in through the guest provider of a bench backend: the headers of the bench user's
 * requests, with a real signed token.
 *
 * @internal
 */
export async function signInAsGuest(
  baseUrl: string,
): Promise<Record<string, string>> {
  const response = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  if (!response.ok) {
    throw new Error(
      `Signing in: ${response.status} ${await response.text()}`.slice(0, 500),
    );
  }
  const { backstageIdentity } = await response.json();
  return { authorization: `Bearer ${backstageIdentity.token}` };
}
