export { EscalationPolicyEditorPage } from './EscalationPolicyEditor';
