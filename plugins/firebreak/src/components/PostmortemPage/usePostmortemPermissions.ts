import { usePermission } from '@backstage/plugin-permission-react';
import {
  firebreakPostmortemApprovePermission,
  firebreakPostmortemCreatePermission,
  firebreakPostmortemUpdatePermission,
} from '@firebreak/backstage-plugin-common';

/**
 * What the signed-in person may do to an incident's postmortem. The postmortem permissions are
 * asked about the incident it belongs to.
 *
 * @internal
 */
export function usePostmortemPermissions(incidentId: string | undefined) {
  const resourceRef = incidentId ?? '';
  const create = usePermission({
    permission: firebreakPostmortemCreatePermission,
    resourceRef,
  });
  const update = usePermission({
    permission: firebreakPostmortemUpdatePermission,
    resourceRef,
  });
  const approve = usePermission({
    permission: firebreakPostmortemApprovePermission,
    resourceRef,
  });
  return {
    canCreate: !!incidentId && create.allowed,
    canUpdate: !!incidentId && update.allowed,
    canApprove: !!incidentId && approve.allowed,
  };
}

/**
 * Why the postmortem's controls are disabled for someone who may only read it.
 *
 * @internal
 */
export const POSTMORTEM_READ_ONLY_REASON =
  "Only the impacted services' owners and the incident's role holders can edit this postmortem.";
