import {
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { FIREBREAK_INCIDENT_RESOURCE_TYPE } from './incidents/resourceType';
import { ownerResourceRef, resourcePermissions } from './resourcePermissions';
import { firebreakRunbookPermissions } from './runbooks/permissions';
import { firebreakActionItemPermissions } from './actionItems/permissions';
import { firebreakPostmortemPermissions } from './postmortems/permissions';

export { FIREBREAK_INCIDENT_RESOURCE_TYPE };

const incident = resourcePermissions('incident', {
  create: {},
  read: { resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE },
  update: { resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE },
});

/**
 * Declaring an incident.
 *
 * @public
 */
export const firebreakIncidentCreatePermission = incident.create;

/**
 * Reading an incident and its timeline.
 *
 * @public
 */
export const firebreakIncidentReadPermission = incident.read;

/**
 * Changing an incident (status, severity, roles) and posting to its timeline.
 *
 * @public
 */
export const firebreakIncidentUpdatePermission = incident.update;

/**
 * The resource type of on-call configuration — schedules with their overrides, and escalation
 * policies — for conditional permission rules. Resource refs are `schedule:<id>`,
 * `escalation-policy:<id>`, and `owner:<group ref>` for "this team's on-call configuration"
 * (see {@link onCallOwnerResourceRef}).
 *
 * @public
 */
export const FIREBREAK_ONCALL_RESOURCE_TYPE = 'firebreak-oncall';

const onCall = resourcePermissions('oncall', {
  read: {},
  create: { resourceType: FIREBREAK_ONCALL_RESOURCE_TYPE },
  update: { resourceType: FIREBREAK_ONCALL_RESOURCE_TYPE },
});

/**
 * Seeing schedules, escalation policies and who is on call.
 *
 * @public
 */
export const firebreakOnCallReadPermission = onCall.read;

/**
 * The resource ref that stands for a team's on-call configuration as a whole, such as
 * `owner:group:default/storefront`: what {@link firebreakOnCallCreatePermission} is authorized
 * against. The owner is normalized (kind `group` and namespace `default` when left out,
 * lower-cased), so the frontend and the backend ask about the same ref.
 *
 * @public
 */
export function onCallOwnerResourceRef(ownerRef: string): string {
  return ownerResourceRef(ownerRef);
}

/**
 * Creating schedules and escalation policies for a team, moving them to a team, and making a
 * policy a team's default.
 *
 * A resource permission, authorized against {@link onCallOwnerResourceRef} of the team the
 * configuration will belong to: the permission framework only applies conditions to a resource
 * ref, so a plain create permission could not be limited to the caller's own teams. The owner
 * ref resolves to a resource whose owner is that team, so policies condition it with the same
 * `isOnCallOwner` rule as {@link firebreakOnCallUpdatePermission}.
 *
 * @public
 */
export const firebreakOnCallCreatePermission = onCall.create;

/**
 * Changing or deleting a schedule (its layers and overrides) or an escalation policy.
 *
 * @public
 */
export const firebreakOnCallUpdatePermission = onCall.update;

/**
 * Every Firebreak permission.
 *
 * @public
 */
export const firebreakPermissions: Array<BasicPermission | ResourcePermission> =
  [
    firebreakIncidentCreatePermission,
    firebreakIncidentReadPermission,
    firebreakIncidentUpdatePermission,
    firebreakOnCallReadPermission,
    firebreakOnCallCreatePermission,
    firebreakOnCallUpdatePermission,
    ...firebreakRunbookPermissions,
    ...firebreakActionItemPermissions,
    ...firebreakPostmortemPermissions,
  ];
