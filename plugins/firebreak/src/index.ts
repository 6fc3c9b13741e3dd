/**
 * The Firebreak frontend plugin: incidents on catalog entity pages.
 *
 * @packageDocumentation
 */

export {
  firebreakPlugin,
  FirebreakPage,
  EntityFirebreakContent,
  EntityActiveIncidentsCard,
  EntityOnCallCard,
  MyOnCallCard,
  EntityUserOnCallCard,
  EntityFollowUpsCard,
  MyFollowUpsCard,
  EntityUserFollowUpsCard,
} from './plugin';
export * from './api';
export {
  rootRouteRef as firebreakRouteRef,
  incidentRouteRef as firebreakIncidentRouteRef,
  onCallRouteRef as firebreakOnCallRouteRef,
  scheduleRouteRef as firebreakScheduleRouteRef,
  escalationPolicyRouteRef as firebreakEscalationPolicyRouteRef,
  postmortemRouteRef as firebreakPostmortemRouteRef,
  followUpsRouteRef as firebreakFollowUpsRouteRef,
} from './routes';
export { DeclareIncidentDialog } from './components/DeclareIncidentDialog';
export { SeverityChip } from './components/SeverityChip';
export { isFirebreakAvailable } from '@firebreak/backstage-plugin-common';
export { IncidentsTable } from './components/IncidentsTable';
export { ActionItemsTable } from './components/ActionItems/ActionItemsTable';
