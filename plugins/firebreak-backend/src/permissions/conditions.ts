import { createConditionExports } from '@backstage/plugin-permission-node';
import { incidentPermissionResourceRef } from './resource';
import { incidentPermissionRules } from './rules';

const exports = createConditionExports({
  resourceRef: incidentPermissionResourceRef,
  rules: incidentPermissionRules,
});

/**
 * Conditions on incidents for permission policies, such as
 * `firebreakIncidentConditions.isOwnerOfImpactedEntity({ claims })`.
 *
 * @public
 */
export const firebreakIncidentConditions = exports.conditions;

/**
 * Builds a conditional decision on an incident permission from
 * {@link firebreakIncidentConditions}.
 *
 * @public
 */
export const createFirebreakIncidentConditionalDecision =
  exports.createConditionalDecision;
