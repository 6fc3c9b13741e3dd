import {
  createConditionExports,
  createPermissionResourceRef,
  createPermissionRule,
} from '@backstage/plugin-permission-node';
import {
  ActionItem,
  FIREBREAK_ACTION_ITEM_RESOURCE_TYPE,
  isIncidentParticipant as takesPart,
} from '@firebreak/backstage-plugin-common';
import { z } from 'zod';
import { lowerRef } from '../refs';
import { IncidentPermissionResource } from './resource';

/**
 * An action item as permission rules see it: with the incident it comes from, so the incident's
 * owners and role holders can be allowed to change its follow-ups.
 *
 * @public
 */
export type ActionItemPermissionResource = ActionItem & {
  incident: IncidentPermissionResource;
};

/**
 * The action item resource type of the permission framework.
 *
 * @public
 */
export const actionItemPermissionResourceRef = createPermissionResourceRef<
  ActionItemPermissionResource,
  never
>().with({
  pluginId: 'firebreak',
  resourceType: FIREBREAK_ACTION_ITEM_RESOURCE_TYPE,
});

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs of the user and their groups, usually the ownership claims of the user',
    ),
});

const holds = (claims: string[], refs: Iterable<string | undefined>) => {
  const set = new Set(refs);
  return claims.some(claim => set.has(lowerRef(claim)));
};

const oneAtATime = () => {
  throw new Error('Action items are only ever checked one at a time');
};

/**
 * True when one of the claims owns the action item: its owner, or its owner group.
 *
 * @public
 */
export const isActionItemOwner = createPermissionRule({
  name: 'IS_ACTION_ITEM_OWNER',
  description: 'Allow action items owned by one of the given claims',
  resourceRef: actionItemPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (item, { claims }) =>
    holds(claims, [item.ownerRef, item.ownerGroupRef]),
  toQuery: oneAtATime,
});

/**
 * True when one of the claims owns an entity the item's incident impacts.
 *
 * @public
 */
export const isOwnerOfIncidentImpactedEntity = createPermissionRule({
  name: 'IS_OWNER_OF_INCIDENT_IMPACTED_ENTITY',
  description:
    'Allow action items whose incident impacts an entity owned by one of the given claims',
  resourceRef: actionItemPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (item, { claims }) => holds(claims, item.incident.ownerRefs),
  toQuery: oneAtATime,
});

/**
 * True when one of the claims holds a response role in the item's incident.
 *
 * @public
 */
export const hasRoleInIncident = createPermissionRule({
  name: 'HAS_ROLE_IN_INCIDENT',
  description:
    'Allow action items of incidents in which one of the given claims holds a role',
  resourceRef: actionItemPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (item, { claims }) =>
    holds(claims, Object.values(item.incident.roles)),
  toQuery: oneAtATime,
});

/**
 * True when one of the claims takes part in the item's incident (role, responder, reporter).
 *
 * @public
 */
export const isParticipantOfIncident = createPermissionRule({
  name: 'IS_PARTICIPANT_OF_INCIDENT',
  description:
    'Allow action items of incidents in which one of the given claims holds a role, is a responder, or is the reporter',
  resourceRef: actionItemPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (item, { claims }) => takesPart(item.incident, claims),
  toQuery: oneAtATime,
});

/**
 * Every rule of the action item resource type.
 *
 * @internal
 */
export const actionItemPermissionRules = {
  isActionItemOwner,
  isOwnerOfIncidentImpactedEntity,
  hasRoleInIncident,
  isParticipantOfIncident,
};

const exports = createConditionExports({
  resourceRef: actionItemPermissionResourceRef,
  rules: actionItemPermissionRules,
});

/**
 * Conditions on action items for permission policies, such as
 * `firebreakActionItemConditions.isActionItemOwner({ claims })`.
 *
 * @public
 */
export const firebreakActionItemConditions = exports.conditions;

/**
 * Builds a conditional decision on an action item permission from
 * {@link firebreakActionItemConditions}.
 *
 * @public
 */
export const createFirebreakActionItemConditionalDecision =
  exports.createConditionalDecision;
