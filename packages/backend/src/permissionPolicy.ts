import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
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
  createFirebreakActionItemConditionalDecision,
  createFirebreakIncidentConditionalDecision,
  firebreakActionItemConditions,
  createFirebreakOnCallConditionalDecision,
  createFirebreakRunbookConditionalDecision,
  firebreakIncidentConditions,
  firebreakOnCallConditions,
  firebreakRunbookConditions,
} from '@firebreak/backstage-plugin-backend';
import {
  firebreakActionItemCreatePermission,
  firebreakActionItemUpdatePermission,
  firebreakIncidentUpdatePermission,
  firebreakOnCallCreatePermission,
  firebreakOnCallUpdatePermission,
  firebreakRunbookCreatePermission,
  firebreakRunbookUpdatePermission,
  firebreakPostmortemApprovePermission,
  firebreakPostmortemCreatePermission,
  firebreakPostmortemUpdatePermission,
} from '@firebreak/backstage-plugin-common';

/**
 * The example organisation's policy: everyone signed in may read and use the portal and
 * declare incidents; an incident may be changed by the owners of what it impacts and by its
 * participants (role holders, responders who joined it, its reporter); a team's on-call
 * configuration (schedules and escalation policies: creating them, changing them, moving them
 * to a team, making one a team's default) is managed by its members, and so are its stored
 * runbooks (ticking a runbook step is changing the incident); an incident's action items are
 * written by the owners of what it impacts and its role holders, and changed by those and by
 * the item's owner; postmortems are written, approved and published by the owners of what the
 * incident impacted and its role holders; catalog entities may only
 * be unregistered or refreshed by their owners. Members of the admin groups
 * (`examplePermissionPolicy.adminGroups` in the config) may do everything.
 */
export class ExamplePermissionPolicy implements PermissionPolicy {
  private readonly adminGroups: Set<string>;

  constructor(options: { adminGroups?: string[] } = {}) {
    this.adminGroups = new Set(
      (options.adminGroups ?? []).map(ref => ref.toLowerCase()),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.some(claim => this.adminGroups.has(claim.toLowerCase()))) {
      return { result: AuthorizeResult.ALLOW };
    }
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
      return createFirebreakIncidentConditionalDecision(request.permission, {
        anyOf: [
          firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims }),
          // Role holders, joined responders and the reporter: anyone who may read an
          // incident may join it and then help.
          firebreakIncidentConditions.isIncidentParticipant({ claims }),
        ],
      });
    }
    // Follow-ups, and postmortems (written, approved and published), are for the owners of what
    // the incident impacted and its role holders; an item's owner may change the item too;
    // everyone signed in reads them.
    if (
      isPermission(request.permission, firebreakActionItemCreatePermission) ||
      isPermission(request.permission, firebreakPostmortemCreatePermission) ||
      isPermission(request.permission, firebreakPostmortemUpdatePermission) ||
      isPermission(request.permission, firebreakPostmortemApprovePermission)
    ) {
      return createFirebreakIncidentConditionalDecision(request.permission, {
        anyOf: [
          firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims }),
          firebreakIncidentConditions.hasIncidentRole({ claims }),
        ],
      });
    }
    if (isPermission(request.permission, firebreakActionItemUpdatePermission)) {
      return createFirebreakActionItemConditionalDecision(request.permission, {
        anyOf: [
          firebreakActionItemConditions.isActionItemOwner({ claims }),
          firebreakActionItemConditions.isOwnerOfIncidentImpactedEntity({
            claims,
          }),
          firebreakActionItemConditions.hasRoleInIncident({ claims }),
        ],
      });
    }
    // Create is asked on the team the configuration will belong to (`owner:<group ref>`), so
    // the same owner rule limits it to the caller's teams.
    if (
      isPermission(request.permission, firebreakOnCallCreatePermission) ||
      isPermission(request.permission, firebreakOnCallUpdatePermission)
    ) {
      return createFirebreakOnCallConditionalDecision(
        request.permission,
        firebreakOnCallConditions.isOnCallOwner({ claims }),
      );
    }
    // A team writes its own runbooks: storing one for a team is asked on `owner:<group ref>`.
    if (
      isPermission(request.permission, firebreakRunbookCreatePermission) ||
      isPermission(request.permission, firebreakRunbookUpdatePermission)
    ) {
      return createFirebreakRunbookConditionalDecision(
        request.permission,
        firebreakRunbookConditions.isRunbookOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.ALLOW };
  }
}

/**
 * Installs {@link ExamplePermissionPolicy}, its admin groups read from
 * `examplePermissionPolicy.adminGroups`.
 */
export const permissionPolicyModule = createBackendModule({
  pluginId: 'permission',
  moduleId: 'example-policy',
  register(reg) {
    reg.registerInit({
      deps: { policy: policyExtensionPoint, config: coreServices.rootConfig },
      async init({ policy, config }) {
        policy.setPolicy(
          new ExamplePermissionPolicy({
            adminGroups: config.getOptionalStringArray(
              'examplePermissionPolicy.adminGroups',
            ),
          }),
        );
      },
    });
  },
});
