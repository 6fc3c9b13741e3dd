import { FIREBREAK_INCIDENT_RESOURCE_TYPE } from '../incidents/resourceType';
import { resourcePermissions } from '../resourcePermissions';

/**
 * The resource type of Firebreak action items, for conditional permission rules.
 *
 * @public
 */
export const FIREBREAK_ACTION_ITEM_RESOURCE_TYPE = 'firebreak-action-item';

const actionItem = resourcePermissions('action-item', {
  read: {},
  create: { resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE },
  update: { resourceType: FIREBREAK_ACTION_ITEM_RESOURCE_TYPE },
});

/**
 * Reading action items.
 *
 * @public
 */
export const firebreakActionItemReadPermission = actionItem.read;

/**
 * Creating an action item for an incident. Authorized against the incident (its id as the
 * resource ref), so the incident rules — owner of an impacted entity, role holder — condition it.
 *
 * @public
 */
export const firebreakActionItemCreatePermission = actionItem.create;

/**
 * Changing an action item: its fields and its status.
 *
 * @public
 */
export const firebreakActionItemUpdatePermission = actionItem.update;

/**
 * The action item permissions.
 *
 * @public
 */
export const firebreakActionItemPermissions = [
  firebreakActionItemReadPermission,
  firebreakActionItemCreatePermission,
  firebreakActionItemUpdatePermission,
];
