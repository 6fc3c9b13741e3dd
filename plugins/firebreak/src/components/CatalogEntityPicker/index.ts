export { UserPicker } from './UserPicker';
export { ImpactedEntitiesPicker } from './ImpactedEntitiesPicker';
export { GroupPicker } from './GroupPicker';
