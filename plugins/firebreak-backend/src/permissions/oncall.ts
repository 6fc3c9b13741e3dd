import {
  createConditionExports,
  createPermissionResourceRef,
} from '@backstage/plugin-permission-node';
import { FIREBREAK_ONCALL_RESOURCE_TYPE } from '@firebreak/backstage-plugin-common';
import { createGroupOwnerRule } from './groupOwnedResource';

/**
 * A schedule or an escalation policy as permission rules see it.
 *
 * @public
 */
export interface OnCallPermissionResource {
  /** `owner` stands for a team's on-call configuration as a whole (ref `owner:<group ref>`). */
  kind: 'schedule' | 'escalation-policy' | 'owner';
  /** The schedule's or policy's id; for `owner`, the group ref. */
  id: string;
  /** The entity ref of the group that owns the schedule or policy. */
  ownerRef: string;
}

/**
 * The on-call resource type of the permission framework (schedules and escalation policies).
 *
 * @public
 */
export const onCallPermissionResourceRef = createPermissionResourceRef<
  OnCallPermissionResource,
  never
>().with({
  pluginId: 'firebreak',
  resourceType: FIREBREAK_ONCALL_RESOURCE_TYPE,
});

/**
 * True when one of the claims is the owner of the schedule or policy.
 *
 * @public
 */
export const isOnCallOwner = createGroupOwnerRule({
  name: 'IS_ONCALL_OWNER',
  description:
    'Allow schedules and escalation policies owned by one of the given claims',
  resourceRef: onCallPermissionResourceRef,
  resources: 'On-call resources',
});

/**
 * Every rule of the on-call resource type.
 *
 * @internal
 */
export const onCallPermissionRules = { isOnCallOwner };

const exports = createConditionExports({
  resourceRef: onCallPermissionResourceRef,
  rules: onCallPermissionRules,
});

/**
 * Conditions on schedules and escalation policies for permission policies, such as
 * `firebreakOnCallConditions.isOnCallOwner({ claims })`.
 *
 * @public
 */
export const firebreakOnCallConditions = exports.conditions;

/**
 * Builds a conditional decision on an on-call permission from {@link firebreakOnCallConditions}.
 *
 * @public
 */
export const createFirebreakOnCallConditionalDecision =
  exports.createConditionalDecision;
