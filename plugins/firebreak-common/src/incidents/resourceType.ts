/**
 * The resource type of Firebreak incidents, for conditional permission rules.
 *
 * @public
 */
export const FIREBREAK_INCIDENT_RESOURCE_TYPE = 'firebreak-incident';
