import {
  AuthorizeResult,
  PolicyDecision,
  isPermission,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createFirebreakIncidentConditionalDecision,
  createFirebreakOnCallConditionalDecision,
  firebreakIncidentConditions,
  firebreakOnCallConditions,
} from '@firebreak/backstage-plugin-backend';
import {
  firebreakIncidentUpdatePermission,
  firebreakOnCallCreatePermission,
  firebreakOnCallUpdatePermission,
  firebreakPermissions,
  firebreakPostmortemApprovePermission,
  firebreakPostmortemCreatePermission,
  firebreakPostmortemUpdatePermission,
} from '@firebreak/backstage-plugin-common';

/**
 * Firebreak's decisions in front of your own policy: Firebreak's permissions are decided here,
 * every other permission by the policy you already have.
 *
 * Install it where you set your policy today:
 * `policy.setPolicy(new FirebreakPolicy(new YourPolicy()))`.
 */
export class FirebreakPolicy implements PermissionPolicy {
  constructor(private readonly hostPolicy: PermissionPolicy) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!firebreakPermissions.some(p => p.name === permission.name)) {
      return this.hostPolicy.handle(request, user);
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    // An incident may be changed by the owners of what it impacts and by the people taking
    // part in it (role holders, responders who joined, the reporter).
    if (isPermission(permission, firebreakIncidentUpdatePermission)) {
      return createFirebreakIncidentConditionalDecision(permission, {
        anyOf: [
          firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims }),
          firebreakIncidentConditions.isIncidentParticipant({ claims }),
        ],
      });
    }
    // Postmortems are written, approved and published by the owners of what the incident
    // impacted and its role holders.
    if (
      isPermission(permission, firebreakPostmortemCreatePermission) ||
      isPermission(permission, firebreakPostmortemUpdatePermission) ||
      isPermission(permission, firebreakPostmortemApprovePermission)
    ) {
      return createFirebreakIncidentConditionalDecision(permission, {
        anyOf: [
          firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims }),
          firebreakIncidentConditions.hasIncidentRole({ claims }),
        ],
      });
    }
    // A team's schedules and escalation policies are managed by its members.
    if (
      isPermission(permission, firebreakOnCallCreatePermission) ||
      isPermission(permission, firebreakOnCallUpdatePermission)
    ) {
      return createFirebreakOnCallConditionalDecision(
        permission,
        firebreakOnCallConditions.isOnCallOwner({ claims }),
      );
    }
    // Reading incidents, postmortems and on-call, and declaring incidents: everyone signed in.
    return { result: AuthorizeResult.ALLOW };
  }
}
