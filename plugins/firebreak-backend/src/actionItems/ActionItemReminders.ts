import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { DateTime } from 'luxon';
import { notifyPerson, PersonChannels } from '../notifyPerson';
import { ActionItemRecord, ActionItemStore } from './ActionItemStore';
import { OwnerProfiles } from './OwnerProfiles';

/**
 * The scheduler task that reminds owners of their action items.
 *
 * @internal
 */
export const ACTION_ITEM_REMINDER_TASK_ID = 'firebreak-action-item-reminders';

/** Reminder rows are kept this many days, then forgotten. */
const KEEP_DAYS = 7;

/** Whole days from one `YYYY-MM-DD` to another: 2 two days ahead, 0 on it, -3 three days late. */
function daysBetween(from: string, to: string) {
  return DateTime.fromISO(to, { zone: 'utc' }).diff(
    DateTime.fromISO(from, { zone: 'utc' }),
    'days',
  ).days;
}

/** A reminder due this run: the item, the owner's local day, and how far that is from due. */
interface DueReminder {
  item: ActionItemRecord;
  day: string;
  dueDay: string;
  days: number;
}

/**
 * Reminds the owner of a pending action item `daysBefore` days before its due day, on the due
 * day, and on every day after while it is overdue — whatever the state of its incident, closed
 * included. Days are the owner's local days (the owner's time zone annotation, else the owner
 * group's, else UTC, read from the catalog once per run), and a day's reminder goes out from
 * the configured local hour. Each (item, local day) is claimed in the database before the
 * notification is sent, so however many replicas run the task, an item is reminded at most
 * once a local day; a failed send gives the claim back for the next run.
 *
 * @internal
 */
export class ActionItemReminders {
  constructor(
    private readonly deps: PersonChannels & {
      store: ActionItemStore;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
      now: () => Date;
      daysBefore: number;
      /** The local hour from which a day's reminders go out. */
      hour: number;
    },
  ) {}

  /** Sends the reminders due now; answers how many were sent. */
  async run(): Promise<number> {
    const { store, logger, daysBefore } = this.deps;
    const now = this.deps.now();
    const utcToday = DateTime.fromJSDate(now, { zone: 'utc' }).startOf('day');
    await store.pruneReminders(
      utcToday.minus({ days: KEEP_DAYS }).toISODate()!,
    );
    // A day further than UTC needs: somewhere (UTC+14) it is already tomorrow.
    const items = await store.pendingDueBefore(
      utcToday.plus({ days: daysBefore + 2 }).toJSDate(),
    );
    if (items.length === 0) return 0;
    const profiles = await OwnerProfiles.read(
      this.deps,
      items.flatMap(item => [item.ownerRef, item.ownerGroupRef]),
    );
    const due = items
      .map(item => this.dueReminder(item, profiles, now))
      .filter((reminder): reminder is DueReminder => !!reminder);
    const reminded = await store.remindedOn([...new Set(due.map(r => r.day))]);
    let sent = 0;
    for (const reminder of due) {
      const { item, day } = reminder;
      if (reminded.has(`${item.id}/${day}`)) continue;
      try {
        if (
          await store.claimReminder(item.id, day, now, () =>
            this.send(reminder),
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

  /** The reminder an item is due now in its owner's zone, if any. */
  private dueReminder(
    item: ActionItemRecord,
    profiles: OwnerProfiles,
    now: Date,
  ): DueReminder | undefined {
    const zone = profiles.timeZoneOf(item.ownerRef, item.ownerGroupRef);
    const local = DateTime.fromJSDate(now, { zone });
    if (local.hour < this.deps.hour) return undefined;
    const day = local.toISODate()!;
    const dueDay = DateTime.fromJSDate(item.dueAt!, { zone }).toISODate()!;
    const days = daysBetween(day, dueDay);
    if (days > 0 && days !== this.deps.daysBefore) return undefined;
    return { item, day, dueDay, days };
  }

  private async send({ item, day, dueDay, days }: DueReminder) {
    let when: string;
    if (days > 0) when = `is due in ${days} day${days === 1 ? '' : 's'}`;
    else if (days === 0) when = 'is due today';
    else when = `is ${-days} day${days === -1 ? '' : 's'} overdue`;
    await notifyPerson(this.deps, item.ownerRef, {
      title: `Follow-up ${days < 0 ? 'overdue' : 'due'}: ${item.title}`,
      description: `${item.priority} follow-up of ${item.incidentRef} ${when} (${dueDay}).`,
      link: `/firebreak/incidents/${item.incidentRef}`,
      severity: days < 0 ? 'high' : 'normal',
      topic: 'firebreak:action-item',
      // A day's retry updates that day's notification; notifier modules deduplicate on the
      // scope, so each day needs its own or they would drop every reminder after the first.
      scope: `firebreak:action:${item.id}:${day}`,
      urgency: 'info',
    });
  }
}
