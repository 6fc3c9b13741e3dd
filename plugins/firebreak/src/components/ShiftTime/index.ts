export { ShiftTime, useNow } from './ShiftTime';
export {
  formatCountdown,
  formatRelative,
  formatSpan,
  formatWhen,
} from './formatShiftTime';
