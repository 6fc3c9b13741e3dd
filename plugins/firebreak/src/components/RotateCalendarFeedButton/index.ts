export { RotateCalendarFeedButton } from './RotateCalendarFeedButton';
