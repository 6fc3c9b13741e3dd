import { LoggerService } from '@backstage/backend-plugin-api';
import { DateTime } from 'luxon';
import { notifyPerson, PersonChannels } from '../notifyPerson';
import { ActionItemRecord, ActionItemStore } from './ActionItemStore';

/**
 * The scheduler task that reminds owners of their action items.
 *
 * @internal
 */
export const ACTION_ITEM_REMINDER_TASK_ID = 'firebreak-action-item-reminders';

/** Reminder rows are kept this many days, then forgotten. */
const KEEP_DAYS = 7;

const dayOf = (date: Date) =>
  DateTime.fromJSDate(date, { zone: 'utc' }).toISODate()!;

/** Whole UTC days from `today` to the due day: 2 two days ahead, 0 on it, -3 three days late. */
function daysUntil(dueAt: Date, today: string) {
  return DateTime.fromISO(dayOf(dueAt), { zone: 'utc' }).diff(
    DateTime.fromISO(today, { zone: 'utc' }),
    'days',
  ).days;
}

/**
 * Reminds the owner of a pending action item `daysBefore` days before its due day (UTC), on
 * the due day, and on every day after while it is overdue — whatever the state of its incident,
 * closed included. Each (item, day) is claimed in the database before the notification is sent,
 * so however many replicas run the task, an item is reminded at most once a day; a failed send
 * gives the claim back for the next run.
 *
 * @internal
 */
export class ActionItemReminders {
  constructor(
    private readonly deps: PersonChannels & {
      store: ActionItemStore;
      logger: LoggerService;
      now: () => Date;
      daysBefore: number;
    },
  ) {}

  /** Sends the reminders due now; answers how many were sent. */
  async run(): Promise<number> {
    const { store, logger, daysBefore } = this.deps;
    const now = this.deps.now();
    const today = dayOf(now);
    await store.pruneReminders(
      DateTime.fromISO(today, { zone: 'utc' })
        .minus({ days: KEEP_DAYS })
        .toISODate()!,
    );
    const until = DateTime.fromISO(today, { zone: 'utc' })
      .plus({ days: daysBefore + 1 })
      .toJSDate();
    const [items, reminded] = await Promise.all([
      store.pendingDueBefore(until),
      store.remindedOn(today),
    ]);
    let sent = 0;
    for (const item of items) {
      const days = daysUntil(item.dueAt!, today);
      if ((days > 0 && days !== daysBefore) || reminded.has(item.id)) {
        continue;
      }
      try {
        if (
          await store.claimReminder(item.id, today, now, () =>
            this.send(item, days, today),
          )
        ) {
          sent += 1;
        }
      } catch (error) {
        logger.warn(
          `Could not remind ${item.ownerRef} of action item ${item.id}, trying again on the next run: ${error}`,
        );
      }
    }
    return sent;
  }

  private async send(item: ActionItemRecord, days: number, today: string) {
    let when: string;
    if (days > 0) when = `is due in ${days} day${days === 1 ? '' : 's'}`;
    else if (days === 0) when = 'is due today';
    else when = `is ${-days} day${days === -1 ? '' : 's'} overdue`;
    await notifyPerson(this.deps, item.ownerRef, {
      title: `Follow-up ${days < 0 ? 'overdue' : 'due'}: ${item.title}`,
      description: `${item.priority} follow-up of ${
        item.incidentRef
      } ${when} (${dayOf(item.dueAt!)}).`,
      link: `/firebreak/follow-ups/${item.id}`,
      severity: days < 0 ? 'high' : 'normal',
      topic: 'firebreak:action-item',
      // A day's retry updates that day's notification; notifier modules deduplicate on the
      // scope, so each day needs its own or they would drop every reminder after the first.
      scope: `firebreak:action:${item.id}:${today}`,
      urgency: 'info',
    });
  }
}
