export { EscalationPolicyPage } from './EscalationPolicyPage';
export { LevelTargets } from './LevelTargets';
