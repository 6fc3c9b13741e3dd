/**
 * A role someone holds in an incident's response. Names are configurable; ids are fixed.
 *
 * @public
 */
export interface IncidentRoleDefinition {
  id: string;
  name: string;
  description: string;
}

/**
 * The id of the role that is never empty: the incident commander.
 *
 * @public
 */
export const COMMANDER_ROLE = 'commander';

/**
 * The default response roles.
 *
 * @public
 */
export const DEFAULT_INCIDENT_ROLES: readonly IncidentRoleDefinition[] = [
  {
    id: COMMANDER_ROLE,
    name: 'Incident commander',
    description: 'Runs the response and makes the calls',
  },
  {
    id: 'deputy',
    name: 'Deputy',
    description: 'Backs up the commander and keeps the checklist',
  },
  {
    id: 'communications',
    name: 'Communications lead',
    description: 'Keeps stakeholders and customers informed',
  },
  {
    id: 'scribe',
    name: 'Scribe',
    description: 'Records what happens on the timeline',
  },
  {
    id: 'tech_lead',
    name: 'Tech lead',
    description: 'Leads the technical investigation',
  },
];
