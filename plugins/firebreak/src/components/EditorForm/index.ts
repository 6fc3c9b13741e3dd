export { EditorFooter } from './EditorFooter';
export { EditorPageLayout } from './EditorPageLayout';
export type { EditorWording } from './EditorWording';
export { NameAndOwnerFields } from './NameAndOwnerFields';
export { useDraftForm } from './useDraftForm';
export type { DraftForm } from './useDraftForm';
export { useEditorPage } from './useEditorPage';
export type { EditorPage } from './useEditorPage';
export { useNewOwnerRef } from './useNewOwnerRef';
