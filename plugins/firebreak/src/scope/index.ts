export { describeEntityScope } from './describeEntityScope';
export type { EntityScopeWording } from './describeEntityScope';
