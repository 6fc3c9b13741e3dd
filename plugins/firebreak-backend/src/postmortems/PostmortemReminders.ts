import { LoggerService } from '@backstage/backend-plugin-api';
import { PostmortemNotifier } from './PostmortemNotifier';
import { PostmortemStore } from './PostmortemStore';

/**
 * The scheduler task that reminds owners of postmortems about to be due.
 *
 * @internal
 */
export const POSTMORTEM_REMINDER_TASK_ID = 'firebreak-postmortem-reminders';

/**
 * Reminds each postmortem's owner once, a configured time before it is due (or at once, if it
 * is already closer to or past its due date). The reminder is claimed in the database before it
 * is sent, so however many replicas run this, one sends it; one whose sending fails is given
 * back and tried on the next run.
 *
 * @internal
 */
export class PostmortemReminders {
  constructor(
    private readonly deps: {
      store: PostmortemStore;
      notifier: PostmortemNotifier;
      logger: LoggerService;
      now: () => Date;
      hoursBefore: number;
    },
  ) {}

  /** Sends the reminders due now; answers how many were sent. */
  async run(): Promise<number> {
    const { store, notifier, logger } = this.deps;
    const now = this.deps.now();
    const due = await store.listDueForReminder(
      new Date(now.getTime() + this.deps.hoursBefore * 3_600_000),
    );
    let sent = 0;
    for (const postmortem of due) {
      if (!(await store.claimDueReminder(postmortem.id, now))) {
        continue;
      }
      try {
        await notifier.dueSoon(postmortem);
        sent += 1;
      } catch (error) {
        await store.releaseDueReminder(postmortem.id);
        logger.warn(
          `Could not remind ${postmortem.ownerRef} of postmortem ${postmortem.id}, trying again on the next run: ${error}`,
        );
      }
    }
    return sent;
  }
}
