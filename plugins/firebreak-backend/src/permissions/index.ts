export * from './resource';
export { isOwnerOfImpactedEntity, hasIncidentRole } from './rules';
export * from './conditions';
export * from './oncall';
