import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of Firebreak incidents, for conditional permission rules.
 *
 * @public
 */
export const FIREBREAK_INCIDENT_RESOURCE_TYPE = 'firebreak-incident';

/**
 * Declaring an incident.
 *
 * @public
 */
export const firebreakIncidentCreatePermission = createPermission({
  name: 'firebreak.incident.create',
  attributes: { action: 'create' },
});

/**
 * Reading an incident and its timeline.
 *
 * @public
 */
export const firebreakIncidentReadPermission = createPermission({
  name: 'firebreak.incident.read',
  attributes: { action: 'read' },
  resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE,
});

/**
 * Changing an incident (status, severity, roles) and posting to its timeline.
 *
 * @public
 */
export const firebreakIncidentUpdatePermission = createPermission({
  name: 'firebreak.incident.update',
  attributes: { action: 'update' },
  resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE,
});

/**
 * Every Firebreak permission.
 *
 * @public
 */
export const firebreakPermissions = [
  firebreakIncidentCreatePermission,
  firebreakIncidentReadPermission,
  firebreakIncidentUpdatePermission,
];
