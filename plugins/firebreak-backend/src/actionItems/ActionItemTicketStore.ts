import { Knex } from 'knex';
import {
  ACTION_ITEMS_TABLE,
  ActionItemRecord,
  ActionItemRow,
  PENDING,
  toRecord,
  toRow,
} from './ActionItemStore';

/**
 * The state of a ticket as Firebreak last read it.
 *
 * @internal
 */
export type StoredTicketState = 'open' | 'closed';

/**
 * What Firebreak stores of a ticket an exporter created.
 *
 * @internal
 */
export interface StoredTicket {
  exporterId: string;
  externalId: string;
  url: string;
  state: StoredTicketState;
}

/**
 * An item whose ticket is due to be read back, with the ticket's state as last read.
 *
 * @internal
 */
export interface TicketToSync {
  record: ActionItemRecord;
  /** Undefined when it was never read. */
  lastState?: StoredTicketState;
}

type TicketRow = ActionItemRow & {
  ticket_state: string | null;
  ticket_requested_at: Date | string | number | null;
};

/**
 * The ticket columns of action items: claiming an item while its ticket is created, linking the
 * ticket, and the bookkeeping of reading ticket states back. Bookkeeping (when a ticket was read,
 * a claim) is no change of the item and leaves its `version` alone; linking a ticket and a
 * status the ticket brought are changes and bump it.
 *
 * @internal
 */
export class ActionItemTicketStore {
  constructor(private readonly db: Knex) {}

  /**
   * Marks an item as having a ticket on the way, if it is still at `expectedVersion`, pending,
   * without a ticket, and not claimed since `staleBefore` (a claim older than that belongs to a
   * request that died). Answers false when any of that does not hold.
   */
  async claim(
    id: string,
    expectedVersion: number,
    now: Date,
    staleBefore: Date,
  ): Promise<boolean> {
    const count = await this.db(ACTION_ITEMS_TABLE)
      .where({ id, version: expectedVersion })
      .whereIn('status', PENDING)
      .whereNull('ticket_url')
      .where(claim =>
        claim
          .whereNull('ticket_requested_at')
          .orWhere('ticket_requested_at', '<', staleBefore),
      )
      .update({ ticket_requested_at: now });
    return count === 1;
  }

  /** Gives a claim back, leaving the item as it was before it. */
  async release(id: string, claimedAt: Date): Promise<void> {
    await this.db(ACTION_ITEMS_TABLE)
      .where({ id, ticket_requested_at: claimedAt })
      .update({ ticket_requested_at: null });
  }

  /**
   * Links the created ticket to the item and bumps its version, if the claim is still this
   * one's and nobody linked a ticket meanwhile; other changes made meanwhile are kept. Answers
   * the item as stored, or undefined when the ticket could not be linked.
   */
  async link(
    id: string,
    claimedAt: Date,
    ticket: StoredTicket,
    now: Date,
  ): Promise<ActionItemRecord | undefined> {
    return this.db.transaction(async tx => {
      const count = await tx(ACTION_ITEMS_TABLE)
        .where({ id, ticket_requested_at: claimedAt })
        .whereNull('ticket_url')
        .update({
          ticket_url: ticket.url,
          ticket_exporter_id: ticket.exporterId,
          ticket_external_id: ticket.externalId,
          ticket_state: ticket.state,
          ticket_checked_at: now,
          ticket_requested_at: null,
          updated_at: now,
          version: tx.raw('version + 1'),
        });
      if (count !== 1) {
        return undefined;
      }
      const row = await tx<ActionItemRow>(ACTION_ITEMS_TABLE)
        .where({ id })
        .first();
      return row ? toRecord(row) : undefined;
    });
  }

  /**
   * Pending items with a ticket an exporter created that was last read at `checkedBefore` or earlier,
   * those never read first, then the longest unread; at most `limit`.
   */
  async dueForSync(
    checkedBefore: Date,
    limit: number,
  ): Promise<TicketToSync[]> {
    const rows: TicketRow[] = await this.db<TicketRow>(ACTION_ITEMS_TABLE)
      .whereNotNull('ticket_exporter_id')
      .whereNotNull('ticket_external_id')
      .whereNotNull('ticket_url')
      .whereIn('status', PENDING)
      .where(due =>
        due
          .whereNull('ticket_checked_at')
          .orWhere('ticket_checked_at', '<=', checkedBefore),
      )
      .orderByRaw('CASE WHEN ticket_checked_at IS NULL THEN 0 ELSE 1 END')
      .orderBy([
        { column: 'ticket_checked_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(limit);
    return rows.map(row => ({
      record: toRecord(row),
      lastState:
        row.ticket_state === 'open' || row.ticket_state === 'closed'
          ? row.ticket_state
          : undefined,
    }));
  }

  /**
   * Records that the item's ticket was looked at and, when it could be read, what it said; the
   * item itself is unchanged.
   */
  async markChecked(
    record: ActionItemRecord,
    state: StoredTicketState | undefined,
    now: Date,
  ): Promise<void> {
    await this.db(ACTION_ITEMS_TABLE)
      .where({ id: record.id, ticket_external_id: record.ticketExternalId })
      .update({
        ticket_checked_at: now,
        ...(state ? { ticket_state: state } : {}),
      });
  }

  /**
   * Writes a change the ticket brought (its status), with the ticket as read, if the item is
   * still at `expectedVersion`; answers false when someone changed it meanwhile, and then
   * writes nothing, so that the next read tries again on top of their change.
   */
  async updateFromTicket(
    next: ActionItemRecord,
    expectedVersion: number,
    state: StoredTicketState,
    now: Date,
  ): Promise<boolean> {
    const { id, ...fields } = toRow(next);
    const count = await this.db(ACTION_ITEMS_TABLE)
      .where({ id, version: expectedVersion })
      .update({ ...fields, ticket_state: state, ticket_checked_at: now });
    return count === 1;
  }
}
