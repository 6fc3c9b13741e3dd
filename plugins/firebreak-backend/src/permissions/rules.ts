import { createPermissionRule } from '@backstage/plugin-permission-node';
import { isIncidentParticipant as takesPart } from '@firebreak/backstage-plugin-common';
import { z } from 'zod';
import { incidentPermissionResourceRef } from './resource';
import { lowerRef } from '../refs';

const claimsSchema = z.object({
  claims: z
    .array(z.string())
    .describe(
      'Entity refs of the user and their groups, usually the ownership claims of the user',
    ),
});

/**
 * True when one of the claims owns an entity the incident impacts (as owned when the entity
 * was added to the incident).
 *
 * @public
 */
export const isOwnerOfImpactedEntity = createPermissionRule({
  name: 'IS_OWNER_OF_IMPACTED_ENTITY',
  description:
    'Allow incidents that impact an entity owned by one of the given claims',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (incident, { claims }) => {
    const owners = new Set(incident.ownerRefs);
    return claims.some(claim => owners.has(lowerRef(claim)));
  },
  toQuery: ({ claims }) => ({ ownerRefs: claims }),
});

/**
 * True when one of the claims holds a response role in the incident.
 *
 * @public
 */
export const hasIncidentRole = createPermissionRule({
  name: 'HAS_INCIDENT_ROLE',
  description: 'Allow incidents in which one of the given claims holds a role',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (incident, { claims }) => {
    const holders = new Set(Object.values(incident.roles));
    return claims.some(claim => holders.has(lowerRef(claim)));
  },
  toQuery: ({ claims }) => ({ roleHolders: claims }),
});

/**
 * True when one of the claims takes part in the incident: holds a role in it, joined it as a
 * responder (or belongs to a responder group a response play added), or reported it. Wider
 * than {@link hasIncidentRole}, which stays for policies that want role holders only.
 *
 * @public
 */
export const isIncidentParticipant = createPermissionRule({
  name: 'IS_INCIDENT_PARTICIPANT',
  description:
    'Allow incidents in which one of the given claims holds a role, is a responder, or is the reporter',
  resourceRef: incidentPermissionResourceRef,
  paramsSchema: claimsSchema,
  apply: (incident, { claims }) => takesPart(incident, claims),
  toQuery: ({ claims }) => ({ participants: claims }),
});

/**
 * Every rule of the incident resource type.
 *
 * @internal
 */
export const incidentPermissionRules = {
  isOwnerOfImpactedEntity,
  hasIncidentRole,
  isIncidentParticipant,
};
