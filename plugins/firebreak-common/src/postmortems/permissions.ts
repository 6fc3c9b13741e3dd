import { FIREBREAK_INCIDENT_RESOURCE_TYPE } from '../incidents/resourceType';
import { resourcePermissions } from '../resourcePermissions';

/*
 * Postmortem permissions are incident resource permissions, authorized against the incident
 * the postmortem belongs to: policies condition them with the incident rules (owners of the
 * impacted entities, role holders, participants).
 */
const postmortem = resourcePermissions('postmortem', {
  read: { resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE },
  create: { resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE },
  update: { resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE },
  approve: { resourceType: FIREBREAK_INCIDENT_RESOURCE_TYPE, action: 'update' },
});

/**
 * Reading an incident's postmortem and exporting it.
 *
 * @public
 */
export const firebreakPostmortemReadPermission = postmortem.read;

/**
 * Starting an incident's postmortem.
 *
 * @public
 */
export const firebreakPostmortemCreatePermission = postmortem.create;

/**
 * Editing a postmortem: sections, starred events, owner, reviewers, and moving it to review,
 * back to draft, or waiving it.
 *
 * @public
 */
export const firebreakPostmortemUpdatePermission = postmortem.update;

/**
 * Approving a postmortem in review, and publishing it (or reopening a published one).
 *
 * @public
 */
export const firebreakPostmortemApprovePermission = postmortem.approve;

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
