export { IncidentHistory } from './IncidentHistory';
