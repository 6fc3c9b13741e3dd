export { DeclareIncidentDialog } from './DeclareIncidentDialog';
