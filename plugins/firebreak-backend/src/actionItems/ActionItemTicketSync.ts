import { AuditorService, LoggerService } from '@backstage/backend-plugin-api';
import { ConflictError } from '@backstage/errors';
import {
  FirebreakTicketExporterError,
  FirebreakTicketStatus,
} from '@firebreak/backstage-plugin-node';
import { TicketExporters } from '../tickets/TicketExporters';
import { applyStatus } from './ActionItemRules';
import { ActionItemSignals } from './ActionItemSignals';
import { ActionItemRecord } from './ActionItemStore';
import { ActionItemTicketStore, TicketToSync } from './ActionItemTicketStore';

/**
 * The scheduler task that reads the state of action items' tickets back.
 *
 * @internal
 */
export const ACTION_ITEM_TICKET_SYNC_TASK_ID = 'firebreak-action-item-tickets';

/** At most this many tickets are read per run; the rest wait for the next, oldest read first. */
const BATCH_SIZE = 100;

/**
 * What one run did.
 *
 * @internal
 */
export interface TicketSyncResult {
  /** Tickets whose state was read. */
  read: number;
  /** Items whose status the ticket changed. */
  changed: number;
  /** Items left for the next run: rate limits, failures, concurrent edits. */
  skipped: number;
}

/**
 * Reads back the state of tickets that exporters created for open and in-progress action items,
 * each at most once per interval. A ticket that was closed since it was last read finishes its
 * item: completed (or closed without a reason) makes it `done` as of the ticket's closing, not
 * planned makes it `wont_do`. That is a status change like a user's, against the version read:
 * when someone changed the item meanwhile their change stays and the ticket is read again next
 * run. A ticket that stays closed after someone reopened its item in Firebreak does not close
 * the item again.
 *
 * The scheduler runs the task on one replica at a time; the version check keeps even two
 * overlapping runs from writing a change twice.
 *
 * @internal
 */
export class ActionItemTicketSync {
  constructor(
    private readonly deps: {
      tickets: ActionItemTicketStore;
      exporters: TicketExporters;
      signals: ActionItemSignals;
      auditor: AuditorService;
      logger: LoggerService;
      now: () => Date;
      intervalMinutes: number;
    },
  ) {}

  async run(): Promise<TicketSyncResult> {
    const { tickets, exporters, logger } = this.deps;
    // Items are stamped with the run's start, so the next run, an interval later, reads them.
    const now = this.deps.now();
    const due = await tickets.dueForSync(
      new Date(now.getTime() - this.deps.intervalMinutes * 60_000),
      BATCH_SIZE,
    );
    const result: TicketSyncResult = { read: 0, changed: 0, skipped: 0 };
    const rateLimited = new Set<string>();
    const missing = new Set<string>();
    for (const entry of due) {
      const { record } = entry;
      const exporterId = record.ticketExporterId!;
      const exporter = exporters.get(exporterId);
      if (!exporter) {
        missing.add(exporterId);
        await tickets.markChecked(record, undefined, now);
        result.skipped += 1;
        continue;
      }
      if (rateLimited.has(exporterId)) {
        result.skipped += 1;
        continue;
      }
      let status: FirebreakTicketStatus;
      try {
        status = await exporter.readStatus({
          externalId: record.ticketExternalId!,
          url: record.ticketUrl!,
        });
      } catch (error) {
        result.skipped += 1;
        if (
          error instanceof FirebreakTicketExporterError &&
          error.reason === 'rate-limited'
        ) {
          // Its other tickets wait too, and this one keeps its place for the next run.
          rateLimited.add(exporterId);
          logger.warn(
            `The ${exporterId} tracker is rate limiting Firebreak; its tickets are read again on the next run: ${error.message}`,
          );
          continue;
        }
        logger.warn(
          `Could not read ticket ${record.ticketExternalId} of action item ${record.id}; trying again on the next run: ${error}`,
        );
        await tickets.markChecked(record, undefined, now);
        continue;
      }
      result.read += 1;
      if (await this.apply(entry, status, exporterId, now)) {
        result.changed += 1;
      } else if (status.state === 'closed' && entry.lastState !== 'closed') {
        result.skipped += 1;
      }
    }
    for (const id of missing) {
      logger.warn(
        `Action items have tickets of the ${id} ticket exporter, which is not installed; their state is not read`,
      );
    }
    return result;
  }

  /** Records what the ticket said; answers whether the item's status changed. */
  private async apply(
    { record, lastState }: TicketToSync,
    status: FirebreakTicketStatus,
    exporterId: string,
    now: Date,
  ): Promise<boolean> {
    const { tickets } = this.deps;
    if (status.state === 'open' || lastState === 'closed') {
      await tickets.markChecked(record, status.state, now);
      return false;
    }
    const next = this.closedItem(record, status, exporterId, now);
    const event = await this.deps.auditor.createEvent({
      eventId: 'action-item-ticket-sync',
      severityLevel: 'medium',
      meta: {
        actionItem: record.id,
        ticket: record.ticketExternalId,
        exporter: exporterId,
        status: next.status,
      },
    });
    try {
      if (
        !(await tickets.updateFromTicket(next, record.version, 'closed', now))
      ) {
        throw new ConflictError(
          `Action item ${record.id} changed since version ${record.version}; its ticket is read again on the next run`,
        );
      }
      await event.success();
    } catch (error) {
      await event.fail({ error: error as Error });
      this.deps.logger.info(`Ticket sync: ${(error as Error).message}`);
      return false;
    }
    await this.deps.signals.publish('updated', next);
    return true;
  }

  /** The item finished as its closed ticket says. */
  private closedItem(
    record: ActionItemRecord,
    status: FirebreakTicketStatus,
    exporterId: string,
    now: Date,
  ): ActionItemRecord {
    const next: ActionItemRecord = {
      ...record,
      updatedAt: now,
      version: record.version + 1,
    };
    if (status.resolution === 'not_planned') {
      applyStatus(
        record,
        next,
        {
          version: record.version,
          status: 'wont_do',
          wontDoReason: `Closed as not planned in ${exporterId}: ${record.ticketExternalId}`,
        },
        now,
      );
      return next;
    }
    applyStatus(record, next, { version: record.version, status: 'done' }, now);
    const closedAt = status.closedAt ? new Date(status.closedAt) : undefined;
    if (closedAt && Number.isFinite(closedAt.getTime())) {
      next.completedAt = closedAt;
    }
    return next;
  }
}
