export type { IncidentFilter } from '../incidents/IncidentStore';
export * from './resource';
export {
  isOwnerOfImpactedEntity,
  hasIncidentRole,
  isIncidentParticipant,
} from './rules';
export * from './conditions';
export * from './oncall';
export * from './runbooks';
export * from './actionItems';
