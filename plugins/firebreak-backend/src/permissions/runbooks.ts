import {
  createConditionExports,
  createPermissionResourceRef,
} from '@backstage/plugin-permission-node';
import { FIREBREAK_RUNBOOK_RESOURCE_TYPE } from '@firebreak/backstage-plugin-common';
import { createGroupOwnerRule } from './groupOwnedResource';

/**
 * A stored runbook as permission rules see it.
 *
 * @public
 */
export interface RunbookPermissionResource {
  /** `owner` stands for a team's runbooks as a whole (ref `owner:<group ref>`). */
  kind: 'runbook' | 'owner';
  /** The runbook's id; for `owner`, the group ref. */
  id: string;
  /** The entity ref of the group that owns the runbook, lower-cased. */
  ownerRef: string;
}

/**
 * The runbook resource type of the permission framework.
 *
 * @public
 */
export const runbookPermissionResourceRef = createPermissionResourceRef<
  RunbookPermissionResource,
  never
>().with({
  pluginId: 'firebreak',
  resourceType: FIREBREAK_RUNBOOK_RESOURCE_TYPE,
});

/**
 * True when one of the claims is the group that owns the runbook.
 *
 * @public
 */
export const isRunbookOwner = createGroupOwnerRule({
  name: 'IS_RUNBOOK_OWNER',
  description: 'Allow runbooks owned by one of the given claims',
  resourceRef: runbookPermissionResourceRef,
  resources: 'Runbooks',
});

/**
 * Every rule of the runbook resource type.
 *
 * @internal
 */
export const runbookPermissionRules = { isRunbookOwner };

const exports = createConditionExports({
  resourceRef: runbookPermissionResourceRef,
  rules: runbookPermissionRules,
});

/**
 * Conditions on runbooks for permission policies, such as
 * `firebreakRunbookConditions.isRunbookOwner({ claims })`.
 *
 * @public
 */
export const firebreakRunbookConditions = exports.conditions;

/**
 * Builds a conditional decision on a runbook permission from {@link firebreakRunbookConditions}.
 *
 * @public
 */
export const createFirebreakRunbookConditionalDecision =
  exports.createConditionalDecision;
