import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  firebreakActionItemCreatePermission,
  firebreakActionItemReadPermission,
  firebreakActionItemUpdatePermission,
} from '@firebreak/backstage-plugin-common';

/**
 * Asks the permission framework for one action item permission — on a resource (the incident
 * for create, the item for update) when the permission has a resource type — and answers 403
 * with the message unless it is allowed.
 *
 * @internal
 */
export async function authorizeActionItem(
  permissions: PermissionsService,
  permission:
    | typeof firebreakActionItemReadPermission
    | typeof firebreakActionItemCreatePermission
    | typeof firebreakActionItemUpdatePermission,
  credentials: BackstageCredentials,
  resourceRef?: string,
  message = 'You may not read action items',
): Promise<void> {
  const [decision] = await permissions.authorize(
    [
      permission.type === 'resource'
        ? { permission, resourceRef: resourceRef! }
        : { permission },
    ] as Parameters<PermissionsService['authorize']>[0],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(message);
  }
}
