export { ScheduleEditorPage } from './ScheduleEditor';
