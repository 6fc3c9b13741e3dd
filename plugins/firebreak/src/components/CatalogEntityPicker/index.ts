export { UserPicker } from './UserPicker';
export { ImpactedEntitiesPicker } from './ImpactedEntitiesPicker';
