import { createPermissionResourceRef } from '@backstage/plugin-permission-node';
import {
  FIREBREAK_INCIDENT_RESOURCE_TYPE,
  Incident,
} from '@firebreak/backstage-plugin-common';
import { IncidentFilter } from '../incidents/IncidentStore';

/**
 * An incident as permission rules see it: with the owners of its impacted entities.
 *
 * @public
 */
export type IncidentPermissionResource = Incident & { ownerRefs: string[] };

/**
 * The incident resource type of the permission framework.
 *
 * @public
 */
export const incidentPermissionResourceRef = createPermissionResourceRef<
  IncidentPermissionResource,
  IncidentFilter
>().with({
  pluginId: 'firebreak',
  resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE,
});
