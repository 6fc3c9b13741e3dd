import {
  ActionItemStatus,
  ActionItemType,
} from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';

/** How statuses read in the UI. */
export const STATUS_LABELS: Record<ActionItemStatus, string> = {
  open: 'Open',
  in_progress: 'In progress',
  done: 'Done',
  wont_do: 'Won’t do',
};

/** How the kinds of action items read in the UI. */
export const TYPE_LABELS: Record<ActionItemType, string> = {
  prevent: 'Prevent',
  detect: 'Detect',
  mitigate: 'Mitigate',
  process: 'Process',
};

/** A due date as a day in the reader's zone: "5 Dec 2026". */
export function formatDue(dueAt: string): string {
  return DateTime.fromISO(dueAt).toLocaleString(DateTime.DATE_MED);
}
