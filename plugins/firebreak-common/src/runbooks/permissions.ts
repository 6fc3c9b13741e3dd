import { ownerResourceRef, resourcePermissions } from '../resourcePermissions';

/**
 * The resource type of stored runbooks, for conditional permission rules. Resource refs are
 * `runbook:<id>`, and `owner:<group ref>` for "this team's runbooks" (see
 * {@link runbookOwnerResourceRef}).
 *
 * @public
 */
export const FIREBREAK_RUNBOOK_RESOURCE_TYPE = 'firebreak-runbook';

const runbook = resourcePermissions('runbook', {
  read: {},
  create: { resourceType: FIREBREAK_RUNBOOK_RESOURCE_TYPE },
  update: { resourceType: FIREBREAK_RUNBOOK_RESOURCE_TYPE },
});

/**
 * Reading runbooks: an entity's list, a stored runbook and its versions.
 *
 * @public
 */
export const firebreakRunbookReadPermission = runbook.read;

/**
 * Storing a runbook for a team, or moving one to a team. A resource permission authorized
 * against {@link runbookOwnerResourceRef} of that team, so policies can limit it to the
 * caller's own teams with the same owner rule as updates.
 *
 * @public
 */
export const firebreakRunbookCreatePermission = runbook.create;

/**
 * Saving a new version of a stored runbook.
 *
 * @public
 */
export const firebreakRunbookUpdatePermission = runbook.update;

/**
 * The resource ref that stands for a team's runbooks as a whole, such as
 * `owner:group:default/payments`: what {@link firebreakRunbookCreatePermission} is authorized
 * against. The owner is normalized (kind `group` and namespace `default` when left out,
 * lower-cased). Throws when `ownerRef` is not an entity ref.
 *
 * @public
 */
export function runbookOwnerResourceRef(ownerRef: string): string {
  return ownerResourceRef(ownerRef);
}

/**
 * Every runbook permission.
 *
 * @public
 */
export const firebreakRunbookPermissions = [
  firebreakRunbookReadPermission,
  firebreakRunbookCreatePermission,
  firebreakRunbookUpdatePermission,
];
