import { createPermission } from '@backstage/plugin-permission-common';

/**
 * The resource type of Firebreak action items, for conditional permission rules.
 *
 * @public
 */
export const FIREBREAK_ACTION_ITEM_RESOURCE_TYPE = 'firebreak-action-item';

/**
 * Reading action items.
 *
 * @public
 */
export const firebreakActionItemReadPermission = createPermission({
  name: 'firebreak.action-item.read',
  attributes: { action: 'read' },
});

/**
 * Creating an action item for an incident. Authorized against the incident (its id as the
 * resource ref), so the incident rules — owner of an impacted entity, role holder — condition it.
 *
 * @public
 */
export const firebreakActionItemCreatePermission = createPermission({
  name: 'firebreak.action-item.create',
  attributes: { action: 'create' },
  // FIREBREAK_INCIDENT_RESOURCE_TYPE, spelled out: that module lists these permissions.
  resourceType: 'firebreak-incident',
});

/**
 * Changing an action item: its fields and its status.
 *
 * @public
 */
export const firebreakActionItemUpdatePermission = createPermission({
  name: 'firebreak.action-item.update',
  attributes: { action: 'update' },
  resourceType: FIREBREAK_ACTION_ITEM_RESOURCE_TYPE,
});

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
