import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  firebreakOnCallCreatePermission,
  firebreakOnCallReadPermission,
  firebreakOnCallUpdatePermission,
  onCallOwnerResourceRef,
} from '@firebreak/backstage-plugin-common';
import { OnCallPermissionResource } from '../permissions/oncall';

/** How a resource is named in an error: "schedule", "escalation policy", "team". */
function describe(resource: OnCallPermissionResource) {
  return resource.kind === 'owner' ? 'team' : resource.kind.replace('-', ' ');
}

/** A team's owner resource ref, or a 400 naming the field the owner came from. */
function ownerResourceRef(ownerRef: string, field: string): string {
  try {
    return onCallOwnerResourceRef(ownerRef);
  } catch {
    throw new InputError(`${field}: '${ownerRef}' is not an entity ref`);
  }
}

/**
 * Asks the permission framework what a caller may do with on-call configuration, and turns a
 * denial into a 403 that says why.
 *
 * Who may create for, move to, or make a default of a team is asked as
 * `firebreak.oncall.create` on the team's owner ref (`owner:<group ref>`), so policies can
 * condition it on the owner like updates.
 *
 * @internal
 */
export class OnCallAuthorizer {
  constructor(private readonly permissions: PermissionsService) {}

  /** Reading schedules, policies, shifts and who is on call. */
  async authorizeRead(credentials: BackstageCredentials): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [{ permission: firebreakOnCallReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        'You may not read on-call schedules and policies',
      );
    }
  }

  /**
   * Giving a team on-call configuration: creating a schedule or policy for it, moving one to
   * it, or making a policy its default. `field` names the input the owner came from.
   */
  async authorizeManageOwner(
    ownerRef: string,
    field: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const resourceRef = ownerResourceRef(ownerRef, field);
    const [decision] = await this.permissions.authorize(
      [{ permission: firebreakOnCallCreatePermission, resourceRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `${field}: you may not manage on-call configuration of ${resourceRef.slice(
          'owner:'.length,
        )}`,
      );
    }
  }

  /**
   * Moving a schedule or policy to another team needs the right to manage that team's on-call
   * too. True when the owner changes.
   */
  async authorizeMove(
    currentOwnerRef: string,
    newOwnerRef: string | undefined,
    credentials: BackstageCredentials,
  ): Promise<boolean> {
    if (
      newOwnerRef === undefined ||
      onCallOwnerResourceRef(currentOwnerRef) ===
        ownerResourceRef(newOwnerRef, 'ownerRef')
    ) {
      return false;
    }
    await this.authorizeManageOwner(newOwnerRef, 'ownerRef', credentials);
    return true;
  }

  /** Changing or deleting a schedule (its layers, overrides, feed) or a policy. */
  async authorizeUpdate(
    resource: OnCallPermissionResource,
    credentials: BackstageCredentials,
  ): Promise<void> {
    const [decision] = await this.permissions.authorize(
      [
        {
          permission: firebreakOnCallUpdatePermission,
          resourceRef: `${resource.kind}:${resource.id}`,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not change this ${describe(resource)}: it belongs to ${
          resource.ownerRef
        }`,
      );
    }
  }
}
