/*
 * A test backend with the real permission stack: the Firebreak backend plugin, the permission
 * backend with the example policy (src/permissionPolicy.ts), its conditional decisions applied
 * by Firebreak's apply-conditions endpoint, and ownership claims taken from the example
 * organisation (examples/*.yaml) as the catalog relates it.
 */
import {
  createServiceFactory,
  coreServices,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
  TestDatabases,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import permissionBackend from '@backstage/plugin-permission-backend';
import firebreakPlugin from '@firebreak/backstage-plugin-backend';
import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';
import request from 'supertest';
import { permissionPolicyModule } from '../permissionPolicy';

function loadExamples(file: string): Entity[] {
  const text = fs.readFileSync(
    path.resolve(__dirname, '../../../../examples', file),
    'utf8',
  );
  const documents = parseAllDocuments(text).map(d => d.toJS() as Entity);
  return documents.filter(Boolean).map(entity => ({
    ...entity,
    metadata: { namespace: 'default', ...entity.metadata },
  }));
}

/** The example org and entities with the relations the catalog would compute for them. */
function exampleCatalog(): Entity[] {
  const entities = [
    ...loadExamples('org.yaml'),
    ...loadExamples('entities.yaml'),
  ];
  const refOf = (e: Entity) => stringifyEntityRef(e).toLowerCase();
  const groupRef = (name: string) =>
    name.includes(':') ? name.toLowerCase() : `group:default/${name}`;
  const relations = new Map<string, Array<{ type: string; targetRef: string }>>(
    entities.map(e => [refOf(e), []]),
  );
  const relate = (
    source: string,
    type: string,
    target: string,
    back: string,
  ) => {
    relations.get(source)?.push({ type, targetRef: target });
    relations.get(target)?.push({ type: back, targetRef: source });
  };
  for (const entity of entities) {
    const spec = (entity.spec ?? {}) as { memberOf?: string[]; owner?: string };
    for (const group of spec.memberOf ?? []) {
      relate(refOf(entity), 'memberOf', groupRef(group), 'hasMember');
    }
    if (spec.owner) {
      relate(refOf(entity), 'ownedBy', groupRef(spec.owner), 'ownerOf');
    }
  }
  return entities.map(e => ({ ...e, relations: relations.get(refOf(e)) }));
}

/** The example catalog (examples/org.yaml and examples/entities.yaml), related. */
export const exampleEntities: Entity[] = exampleCatalog();

/**
 * User info as Backstage's catalog sign-in resolvers give it: the user and the groups the
 * catalog says they are a member of.
 */
const userInfoFromCatalog = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const { userEntityRef } = credentials.principal as {
        userEntityRef: string;
      };
      const user = exampleEntities.find(
        e => stringifyEntityRef(e).toLowerCase() === userEntityRef,
      );
      return {
        userEntityRef,
        ownershipEntityRefs: [
          userEntityRef,
          ...(user?.relations ?? [])
            .filter(r => r.type === 'memberOf')
            .map(r => r.targetRef),
        ],
      };
    },
  }),
});

/**
 * The mock auth service, except that the permission backend asks plugins to apply conditions
 * with its own service credentials. Backstage's real on-behalf-of tokens name the plugin as the
 * actor, which the apply-conditions endpoint requires; the mock's carry no actor, so the
 * endpoint would refuse them.
 */
const authWithPermissionBackendAsService = createServiceFactory({
  service: coreServices.auth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const auth = mockServices.auth({ pluginId: plugin.getId() });
    if (plugin.getId() !== 'permission') {
      return auth;
    }
    return {
      authenticate: auth.authenticate.bind(auth),
      isPrincipal: auth.isPrincipal.bind(auth),
      getNoneCredentials: auth.getNoneCredentials.bind(auth),
      getOwnServiceCredentials: auth.getOwnServiceCredentials.bind(auth),
      getLimitedUserToken: auth.getLimitedUserToken.bind(auth),
      listPublicServiceKeys: auth.listPublicServiceKeys.bind(auth),
      async getPluginRequestToken(options) {
        return auth.getPluginRequestToken({
          ...options,
          onBehalfOf: await auth.getOwnServiceCredentials(),
        });
      },
    } as typeof auth;
  },
});

/** The admin groups of the example policy, as app-config.yaml names them. */
export const EXAMPLE_ADMIN_GROUPS = ['group:default/platform'];

/**
 * Starts Firebreak behind the example permission policy on a database; `call` sends a request
 * to `/api/firebreak` as a signed-in user of the example organisation.
 */
export async function startExamplePermissionBackend(
  knex: Awaited<ReturnType<TestDatabases['init']>>,
) {
  const { server } = await startTestBackend({
    features: [
      firebreakPlugin,
      permissionBackend,
      permissionPolicyModule,
      catalogServiceMock.factory({ entities: exampleEntities }),
      userInfoFromCatalog,
      authWithPermissionBackendAsService,
      mockServices.database.factory({ knex }),
      mockServices.scheduler.mock().factory,
      mockServices.rootConfig.factory({
        data: {
          permission: { enabled: true },
          examplePermissionPolicy: { adminGroups: EXAMPLE_ADMIN_GROUPS },
          firebreak: { paging: { checkIntervalSeconds: 0 } },
        },
      }),
    ],
  });
  const call = (
    method: 'get' | 'post' | 'put' | 'patch' | 'delete',
    user: string,
    route: string,
    body?: object,
  ) => {
    const req = request(server)
      [method](`/api/firebreak${route}`)
      .set('Authorization', mockCredentials.user.header(user));
    return body ? req.send(body) : req;
  };
  return { server, call };
}
