import { createRouteRef, createSubRouteRef } from '@backstage/core-plugin-api';

/**
 * The `/firebreak` page.
 *
 * @public
 */
export const rootRouteRef = createRouteRef({ id: 'firebreak' });

/**
 * One incident's page, by reference: `/firebreak/incidents/INC-42`.
 *
 * @public
 */
export const incidentRouteRef = createSubRouteRef({
  id: 'firebreak/incident',
  parent: rootRouteRef,
  path: '/incidents/:ref',
});

/**
 * Schedules and escalation policies: `/firebreak/oncall`.
 *
 * @public
 */
export const onCallRouteRef = createSubRouteRef({
  id: 'firebreak/oncall',
  parent: rootRouteRef,
  path: '/oncall',
});

/**
 * One schedule's page: `/firebreak/oncall/schedules/<id>`.
 *
 * @public
 */
export const scheduleRouteRef = createSubRouteRef({
  id: 'firebreak/schedule',
  parent: rootRouteRef,
  path: '/oncall/schedules/:id',
});

/**
 * One escalation policy's page: `/firebreak/oncall/policies/<id>`.
 *
 * @public
 */
export const escalationPolicyRouteRef = createSubRouteRef({
  id: 'firebreak/escalation-policy',
  parent: rootRouteRef,
  path: '/oncall/policies/:id',
});

/**
 * A form for a new schedule: `/firebreak/oncall/schedules/new`.
 *
 * @public
 */
export const newScheduleRouteRef = createSubRouteRef({
  id: 'firebreak/new-schedule',
  parent: rootRouteRef,
  path: '/oncall/schedules/new',
});

/**
 * The form changing a schedule: `/firebreak/oncall/schedules/<id>/edit`.
 *
 * @public
 */
export const editScheduleRouteRef = createSubRouteRef({
  id: 'firebreak/edit-schedule',
  parent: rootRouteRef,
  path: '/oncall/schedules/:id/edit',
});

/**
 * A form for a new escalation policy: `/firebreak/oncall/policies/new`.
 *
 * @public
 */
export const newEscalationPolicyRouteRef = createSubRouteRef({
  id: 'firebreak/new-escalation-policy',
  parent: rootRouteRef,
  path: '/oncall/policies/new',
});

/**
 * The form changing an escalation policy: `/firebreak/oncall/policies/<id>/edit`.
 *
 * @public
 */
export const editEscalationPolicyRouteRef = createSubRouteRef({
  id: 'firebreak/edit-escalation-policy',
  parent: rootRouteRef,
  path: '/oncall/policies/:id/edit',
});

/**
 * The postmortem of an incident, by the incident's reference: `/firebreak/incidents/INC-42/postmortem`.
 *
 * @public
 */
export const postmortemRouteRef = createSubRouteRef({
  id: 'firebreak/postmortem',
  parent: rootRouteRef,
  path: '/incidents/:ref/postmortem',
});

/**
 * Action items across the organisation, with filters: `/firebreak/follow-ups`.
 *
 * @public
 */
export const followUpsRouteRef = createSubRouteRef({
  id: 'firebreak/follow-ups',
  parent: rootRouteRef,
  path: '/follow-ups',
});
