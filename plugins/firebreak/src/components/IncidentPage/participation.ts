import { useApi } from '@backstage/core-plugin-api';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  firebreakIncidentUpdatePermission,
  Incident,
} from '@firebreak/backstage-plugin-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * Why someone sees an incident's controls disabled, and what to do about it.
 *
 * @internal
 */
export const READ_ONLY_REASON =
  "Only the incident's responders and the impacted services' owners can change this. Join as responder to help.";

/**
 * Whether the signed-in person may change an incident. Asked again whenever the incident
 * changes: joining it (a new version) can turn a reader into someone who may help.
 *
 * @internal
 */
export function useCanUpdateIncident(
  incident?: Pick<Incident, 'id' | 'version'>,
) {
  const permissionApi = useApi(permissionApiRef);
  const id = incident?.id;
  const version = incident?.version;
  const state = useAsync(async () => {
    if (!id) return false;
    const { result } = await permissionApi.authorize({
      permission: firebreakIncidentUpdatePermission,
      resourceRef: id,
    });
    // AuthorizeResult.ALLOW, without a dependency on the permission-common package for it.
    return String(result) === 'ALLOW';
  }, [permissionApi, id, version]);
  return { allowed: state.value ?? false, loading: state.loading };
}
