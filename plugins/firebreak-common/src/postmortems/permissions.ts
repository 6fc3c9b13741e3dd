import { createPermission } from '@backstage/plugin-permission-common';
import { FIREBREAK_INCIDENT_RESOURCE_TYPE } from '../incidents/resourceType';

/*
 * Postmortem permissions are incident resource permissions, authorized against the incident
 * the postmortem belongs to: policies condition them with the incident rules (owners of the
 * impacted entities, role holders, participants).
 */

/**
 * Reading an incident's postmortem and exporting it.
 *
 * @public
 */
export const firebreakPostmortemReadPermission = createPermission({
  name: 'firebreak.postmortem.read',
  attributes: { action: 'read' },
  resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE,
});

/**
 * Starting an incident's postmortem.
 *
 * @public
 */
export const firebreakPostmortemCreatePermission = createPermission({
  name: 'firebreak.postmortem.create',
  attributes: { action: 'create' },
  resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE,
});

/**
 * Editing a postmortem: sections, starred events, owner, reviewers, and moving it to review,
 * back to draft, or waiving it.
 *
 * @public
 */
export const firebreakPostmortemUpdatePermission = createPermission({
  name: 'firebreak.postmortem.update',
  attributes: { action: 'update' },
  resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE,
});

/**
 * Approving a postmortem in review, and publishing it (or reopening a published one).
 *
 * @public
 */
export const firebreakPostmortemApprovePermission = createPermission({
  name: 'firebreak.postmortem.approve',
  attributes: { action: 'update' },
  resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE,
});

/**
 * Every postmortem permission.
 *
 * @public
 */
export const firebreakPostmortemPermissions = [
  firebreakPostmortemReadPermission,
  firebreakPostmortemCreatePermission,
  firebreakPostmortemUpdatePermission,
  firebreakPostmortemApprovePermission,
];
