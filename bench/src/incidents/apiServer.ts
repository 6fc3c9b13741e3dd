/*
 * The API under test: a real Backstage backend (createBackend from backend-defaults, its
 * default core services: HTTP router and middleware, auth, httpAuth, permissions, database,
 * logger, auditor) running the Firebreak plugin, the auth plugin with the guest provider to
 * issue real user tokens, and the permission plugin with a policy. Only the catalog is a
 * stand-in: an in-memory catalog service that knows the bench's entities, teams and user.
 * Started as a child process by the bench with `--config <file>`.
 */
import { createBackend } from '@backstage/backend-defaults';
import { createBackendModule } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
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
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import {
  createFirebreakIncidentConditionalDecision,
  firebreakIncidentConditions,
} from '@firebreak/backstage-plugin-backend';
import { firebreakIncidentUpdatePermission } from '@firebreak/backstage-plugin-common';
import { readChildOptions, reportReady } from './children';
import { BENCH_USER_REF, benchEntities, TEAM_COUNT } from './dataset';

/**
 * The example portal's policy: anyone signed in reads incidents; an incident is changed by
 * the owners of what it impacts and by its role holders.
 */
class BenchPermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (isPermission(request.permission, firebreakIncidentUpdatePermission)) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createFirebreakIncidentConditionalDecision(request.permission, {
        anyOf: [
          firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims }),
          firebreakIncidentConditions.hasIncidentRole({ claims }),
        ],
      });
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

const benchPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'bench-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new BenchPermissionPolicy());
      },
    });
  },
});

function catalogEntities(entityCount: number): Entity[] {
  const teams = Array.from(
    { length: TEAM_COUNT },
    (_, i) => `team-${String(i + 1).padStart(2, '0')}`,
  );
  return [
    ...teams.map(name => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
    })),
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name: BENCH_USER_REF.split('/')[1], namespace: 'default' },
      spec: { memberOf: ['team-01'] },
      relations: [{ type: 'memberOf', targetRef: 'group:default/team-01' }],
    },
    ...benchEntities(entityCount).map(entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: entity.kind,
      metadata: { name: entity.name, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: entity.ownerRef,
      },
      relations: [{ type: 'ownedBy', targetRef: entity.ownerRef }],
    })),
  ];
}

async function main() {
  const { port, entityCount } = readChildOptions<{ entityCount: number }>();
  const backend = createBackend();
  backend.add(
    catalogServiceMock.factory({ entities: catalogEntities(entityCount) }),
  );
  backend.add(import('@backstage/plugin-auth-backend'));
  backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
  backend.add(import('@backstage/plugin-permission-backend'));
  backend.add(benchPolicyModule);
  backend.add(import('@firebreak/backstage-plugin-backend'));
  await backend.start();
  reportReady(port);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
