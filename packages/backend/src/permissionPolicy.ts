import { createBackendModule } from '@backstage/backend-plugin-api';
import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
  isResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
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

/**
 * The example organisation's policy: everyone signed in may read and use the portal and
 * declare incidents; an incident may be changed by the owners of what it impacts and by its
 * participants (role holders, responders who joined it, its reporter); schedules and escalation policies by their team; catalog entities may only be unregistered or refreshed by their
 * owners.
 */
export class ExamplePermissionPolicy implements PermissionPolicy {
  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (
      isResourcePermission(request.permission, 'catalog-entity') &&
      (request.permission.name === 'catalog.entity.delete' ||
        request.permission.name === 'catalog.entity.refresh')
    ) {
      return createCatalogConditionalDecision(
        request.permission,
        catalogConditions.isEntityOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    if (isPermission(request.permission, firebreakIncidentUpdatePermission)) {
      const claims = user?.info.ownershipEntityRefs ?? [];
      return createFirebreakIncidentConditionalDecision(request.permission, {
        anyOf: [
          firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims }),
          // Role holders, joined responders and the reporter: anyone who may read an
          // incident may join it and then help.
          firebreakIncidentConditions.isIncidentParticipant({ claims }),
        ],
      });
    }
    if (isPermission(request.permission, firebreakOnCallUpdatePermission)) {
      return createFirebreakOnCallConditionalDecision(
        request.permission,
        firebreakOnCallConditions.isOnCallOwner({
          claims: user?.info.ownershipEntityRefs ?? [],
        }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint },
      async init({ policy }) {
        policy.setPolicy(new ExamplePermissionPolicy());
      },
    });
  },
});
