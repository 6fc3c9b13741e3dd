export { ScheduleTimeline, timelineRange } from './ScheduleTimeline';
export type { TimelineRow } from './ScheduleTimeline';
export {
  finalRow,
  layerLabel,
  layerRows,
  overrideRows,
  peopleOf,
  previewFinalShifts,
} from './scheduleRows';
