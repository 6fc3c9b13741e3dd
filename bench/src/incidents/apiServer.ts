/*
 * The API under test: a real Backstage backend (createBackend from backend-defaults, its
 * default core services: HTTP router and middleware, auth, httpAuth, permissions, database,
 * logger, auditor) running the Firebreak plugin, the auth plugin with the guest provider to
 * issue real user tokens, and the permission plugin with the example portal's policy. Only the catalog is a
 * stand-in: an in-memory catalog service that knows the bench's entities, teams and user.
 * Started as a child process by the bench with `--config <file>`.
 */
import { createBackend } from '@backstage/backend-defaults';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { examplePolicyModule } from '../common/backend';
import { readChildOptions, reportReady } from '../common/children';
import { BENCH_USER_REF, benchEntities, TEAM_COUNT } from './dataset';

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
  backend.add(examplePolicyModule);
  backend.add(import('@firebreak/backstage-plugin-backend'));
  await backend.start();
  reportReady(port);
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
