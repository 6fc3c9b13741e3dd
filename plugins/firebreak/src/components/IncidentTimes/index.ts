export { IncidentTimesDialog } from './IncidentTimesDialog';
export { LOCAL_MINUTE, localZoneName, parsePastInstant } from './localTime';
