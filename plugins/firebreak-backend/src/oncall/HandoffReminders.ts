import { LoggerService } from '@backstage/backend-plugin-api';
import {
  computeScheduleShifts,
  findOnCall,
  Schedule,
  Shift,
} from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';
import { notifyPerson, PersonChannels } from '../notifyPerson';
import { OnCallStore } from './OnCallStore';

/**
 * The scheduler task that sends handoff reminders.
 *
 * @internal
 */
export const HANDOFF_REMINDER_TASK_ID = 'firebreak-handoff-reminders';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/**
 * A shift that started this recently is still reminded of: the run before its reminder was
 * due may have been missed (no replica up), or an override may start right as it is made.
 */
const LATE_MS = 5 * MINUTE;
/** How far ahead the end of a reminded shift is looked for. */
const LOOK_AHEAD_DAYS = 90;
/** Reminders of shifts that started longer ago than this are forgotten. */
const KEEP_MS = DAY;

/**
 * The shifts of a schedule starting in (from, to]: a person taking over. Shifts are computed
 * from `from`, so one already running shows as starting at `from` and is left out; one person's
 * back-to-back shifts (across layers and overrides too) come merged into one, so continuing
 * one's own shift is no handoff.
 */
function handoffsBetween(schedule: Schedule, from: Date, to: Date): Shift[] {
  const shifts = computeScheduleShifts(
    schedule,
    from,
    new Date(to.getTime() + MINUTE),
  );
  return shifts.filter(shift => {
    const start = Date.parse(shift.start);
    return start > from.getTime() && start <= to.getTime();
  });
}

/** A time as the schedule's people read it, such as `09:00 Mon 1 Jun`. */
function wallClock(iso: string, timeZone: string) {
  return DateTime.fromISO(iso, { zone: timeZone })
    .setLocale('en')
    .toFormat('HH:mm ccc d LLL');
}

/**
 * Tells people, a configured time before their on-call shift starts, that it does: one
 * notification per schedule, person and shift start. Each reminder is recorded in the database
 * (a unique row) before it is sent, so however many replicas run this, each is sent at most once;
 * one whose sending fails is forgotten again and tried on the next run.
 *
 * @internal
 */
export class HandoffReminders {
  constructor(
    private readonly deps: PersonChannels & {
      store: OnCallStore;
      logger: LoggerService;
      now: () => Date;
      /** How long before a shift starts its person is reminded. */
      minutesBefore: number;
    },
  ) {}

  /** Sends the reminders due now; answers how many were sent. */
  async run(): Promise<number> {
    const { store, logger } = this.deps;
    const now = this.deps.now();
    const from = new Date(now.getTime() - LATE_MS);
    const to = new Date(now.getTime() + this.deps.minutesBefore * MINUTE);

    await store.pruneHandoffReminders(new Date(now.getTime() - KEEP_MS));
    const [schedules, recorded] = await Promise.all([
      store.listSchedules({}, from),
      store.handoffRemindersSince(from),
    ]);

    let sent = 0;
    for (const schedule of schedules) {
      let handoffs: Shift[];
      try {
        handoffs = handoffsBetween(schedule, from, to);
      } catch (error) {
        // One schedule with a layer the math refuses must not keep others' reminders back.
        logger.warn(`Cannot work out shifts of ${schedule.id}: ${error}`);
        continue;
      }
      for (const shift of handoffs) {
        const reminder = {
          scheduleId: schedule.id,
          userRef: shift.userRef,
          shiftStart: new Date(shift.start),
        };
        if (store.hasHandoffReminder(recorded, reminder)) {
          continue;
        }
        try {
          if (
            await store.recordHandoffReminder(reminder, now, () =>
              this.send(schedule, shift),
            )
          ) {
            sent += 1;
          }
        } catch (error) {
          logger.warn(
            `Could not remind ${shift.userRef} of their shift on ${schedule.id} at ${shift.start}, trying again on the next run: ${error}`,
          );
        }
      }
    }
    return sent;
  }

  private async send(schedule: Schedule, shift: Shift) {
    const { timeZone } = schedule;
    const end = findOnCall(schedule, new Date(shift.start), {
      lookAheadDays: LOOK_AHEAD_DAYS,
    }).current?.end;
    // A shift reaching the end of the look-ahead has no handoff in sight.
    const until =
      end && Date.parse(end) - Date.parse(shift.start) < LOOK_AHEAD_DAYS * DAY
        ? `until ${wallClock(end, timeZone)}`
        : 'until further notice';
    const title = `On call soon: ${schedule.name}`;
    const description = `You're on call for ${schedule.name} from ${wallClock(
      shift.start,
      timeZone,
    )} (${timeZone}) ${until}.`;
    const link = `/firebreak/oncall/schedules/${schedule.id}`;
    await notifyPerson(this.deps, shift.userRef, {
      title,
      description,
      link,
      severity: 'normal',
      topic: 'firebreak:handoff',
      // The same scope on a retried send updates the notification instead of adding one.
      scope: `firebreak:handoff:${schedule.id}:${shift.userRef}:${shift.start}`,
      urgency: 'info',
    });
  }
}
