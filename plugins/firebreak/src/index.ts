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
} from './plugin';
export * from './api';
export {
  rootRouteRef as firebreakRouteRef,
  incidentRouteRef as firebreakIncidentRouteRef,
  onCallRouteRef as firebreakOnCallRouteRef,
  scheduleRouteRef as firebreakScheduleRouteRef,
  escalationPolicyRouteRef as firebreakEscalationPolicyRouteRef,
  postmortemRouteRef as firebreakPostmortemRouteRef,
} from './routes';
export { DeclareIncidentDialog } from './components/DeclareIncidentDialog';
export { SeverityChip } from './components/SeverityChip';
export { isFirebreakAvailable } from '@firebreak/backstage-plugin-common';
export { IncidentsTable } from './components/IncidentsTable';
