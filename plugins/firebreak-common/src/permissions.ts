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
 * The resource type of on-call configuration — schedules with their overrides, and escalation
 * policies — for conditional permission rules. Resource refs are `schedule:<id>` and
 * `escalation-policy:<id>`.
 *
 * @public
 */
export const FIREBREAK_ONCALL_RESOURCE_TYPE = 'firebreak-oncall';

/**
 * Seeing schedules, escalation policies and who is on call.
 *
 * @public
 */
export const firebreakOnCallReadPermission = createPermission({
  name: 'firebreak.oncall.read',
  attributes: { action: 'read' },
});

/**
 * Creating schedules and escalation policies.
 *
 * @public
 */
export const firebreakOnCallCreatePermission = createPermission({
  name: 'firebreak.oncall.create',
  attributes: { action: 'create' },
});

/**
 * Changing or deleting a schedule (its layers and overrides) or an escalation policy.
 *
 * @public
 */
export const firebreakOnCallUpdatePermission = createPermission({
  name: 'firebreak.oncall.update',
  attributes: { action: 'update' },
  resourceType: FIREBREAK_ONCALL_RESOURCE_TYPE,
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
  firebreakOnCallReadPermission,
  firebreakOnCallCreatePermission,
  firebreakOnCallUpdatePermission,
];
