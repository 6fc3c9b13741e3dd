import {
  ActionItem,
  ActionItemPriority,
  ActionItemStatus,
  ActionItemType,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { toDate } from '../database/timestamps';

/** @internal */
export const ACTION_ITEMS_TABLE = 'firebreak_action_items';
const TABLE = ACTION_ITEMS_TABLE;
const REMINDERS = 'firebreak_action_item_reminders';
/** @internal */
export const PENDING: ActionItemStatus[] = ['open', 'in_progress'];

/** @internal */
export interface ActionItemRow {
  id: string;
  title: string;
  description: string;
  type: string;
  priority: string;
  status: string;
  owner_ref: string;
  owner_group_ref: string | null;
  entity_ref: string;
  incident_id: string;
  incident_ref: string;
  postmortem_id: string | null;
  runbook_id: string | null;
  due_at: Date | string | number | null;
  completed_at: Date | string | number | null;
  wont_do_reason: string | null;
  ticket_url: string | null;
  ticket_exporter_id: string | null;
  ticket_external_id: string | null;
  creator_ref: string;
  created_at: Date | string | number;
  updated_at: Date | string | number;
  version: number;
}

/**
 * An action item's stored fields, as the service writes them.
 *
 * @internal
 */
export interface ActionItemRecord {
  id: string;
  title: string;
  description: string;
  type: ActionItemType;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  ownerRef: string;
  ownerGroupRef: string | null;
  entityRef: string;
  incidentId: string;
  incidentRef: string;
  postmortemId: string | null;
  runbookId: string | null;
  dueAt: Date | null;
  completedAt: Date | null;
  wontDoReason: string | null;
  ticketUrl: string | null;
  /** The exporter that created the ticket at `ticketUrl`; null for a link added by hand. */
  ticketExporterId: string | null;
  ticketExternalId: string | null;
  creatorRef: string;
  createdAt: Date;
  updatedAt: Date;
  version: number;
}

/**
 * What a list of action items is narrowed by; every given filter must hold.
 *
 * @internal
 */
export interface ActionItemQuery {
  /** Items about any of these entities. */
  entityRefs?: string[];
  /** Items owned by any of these refs, or owed by `ownerGroupRef`. */
  ownerRefs?: string[];
  ownerGroupRef?: string;
  statuses?: ActionItemStatus[];
  incidentId?: string;
  postmortemId?: string;
  runbookId?: string;
  /** Only pending items due before `now`. */
  overdue?: boolean;
  now: Date;
  limit: number;
  offset: number;
}

const optionalDate = (value: ActionItemRow['due_at']) =>
  value === null || value === undefined ? undefined : toDate(value);

/** @internal */
export function toRecord(row: ActionItemRow): ActionItemRecord {
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    type: row.type as ActionItemType,
    priority: row.priority as ActionItemPriority,
    status: row.status as ActionItemStatus,
    ownerRef: row.owner_ref,
    ownerGroupRef: row.owner_group_ref,
    entityRef: row.entity_ref,
    incidentId: row.incident_id,
    incidentRef: row.incident_ref,
    postmortemId: row.postmortem_id,
    runbookId: row.runbook_id ?? null,
    dueAt: optionalDate(row.due_at) ?? null,
    completedAt: optionalDate(row.completed_at) ?? null,
    wontDoReason: row.wont_do_reason,
    ticketUrl: row.ticket_url,
    ticketExporterId: row.ticket_exporter_id,
    ticketExternalId: row.ticket_external_id,
    creatorRef: row.creator_ref,
    createdAt: toDate(row.created_at),
    updatedAt: toDate(row.updated_at),
    version: row.version,
  };
}

/** @internal */
export function toRow(record: ActionItemRecord): ActionItemRow {
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    type: record.type,
    priority: record.priority,
    status: record.status,
    owner_ref: record.ownerRef,
    owner_group_ref: record.ownerGroupRef,
    entity_ref: record.entityRef,
    incident_id: record.incidentId,
    incident_ref: record.incidentRef,
    postmortem_id: record.postmortemId,
    runbook_id: record.runbookId,
    due_at: record.dueAt,
    completed_at: record.completedAt,
    wont_do_reason: record.wontDoReason,
    ticket_url: record.ticketUrl,
    ticket_exporter_id: record.ticketExporterId,
    ticket_external_id: record.ticketExternalId,
    creator_ref: record.creatorRef,
    created_at: record.createdAt,
    updated_at: record.updatedAt,
    version: record.version,
  };
}

/**
 * The API's view of a stored item, with `overdue` worked out at `now`.
 *
 * @internal
 */
export function toActionItem(record: ActionItemRecord, now: Date): ActionItem {
  const optional = <T>(value: T | null) => value ?? undefined;
  return {
    id: record.id,
    title: record.title,
    description: record.description,
    type: record.type,
    priority: record.priority,
    status: record.status,
    ownerRef: record.ownerRef,
    ownerGroupRef: optional(record.ownerGroupRef),
    entityRef: record.entityRef,
    incidentId: record.incidentId,
    incidentRef: record.incidentRef,
    postmortemId: optional(record.postmortemId),
    runbookId: optional(record.runbookId),
    dueAt: record.dueAt?.toISOString(),
    overdue:
      PENDING.includes(record.status) &&
      !!record.dueAt &&
      record.dueAt.getTime() < now.getTime(),
    completedAt: record.completedAt?.toISOString(),
    wontDoReason: optional(record.wontDoReason),
    ticketUrl: optional(record.ticketUrl),
    ticket:
      record.ticketUrl && record.ticketExporterId && record.ticketExternalId
        ? {
            exporterId: record.ticketExporterId,
            externalId: record.ticketExternalId,
            url: record.ticketUrl,
          }
        : undefined,
    creatorRef: record.creatorRef,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    version: record.version,
  };
}

function isUniqueViolation(error: unknown) {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    code?.startsWith('SQLITE_CONSTRAINT') ||
    /unique|duplicate/i.test(message ?? '')
  );
}

/**
 * Reads and writes action items and their reminders. Updates are optimistic on `version`.
 *
 * @internal
 */
export class ActionItemStore {
  constructor(private readonly db: Knex) {}

  async insert(record: ActionItemRecord): Promise<void> {
    await this.db(TABLE).insert(toRow(record));
  }

  async get(id: string): Promise<ActionItemRecord | undefined> {
    const row = await this.db<ActionItemRow>(TABLE)
      .where({ id: id.toLowerCase() })
      .first();
    return row ? toRecord(row) : undefined;
  }

  async getMany(ids: string[]): Promise<ActionItemRecord[]> {
    const rows = await this.db<ActionItemRow>(TABLE).whereIn(
      'id',
      ids.map(id => id.toLowerCase()),
    );
    return rows.map(toRecord);
  }

  /**
   * Writes a changed item if it is still at `expectedVersion`; answers false when someone
   * changed it meanwhile.
   */
  async update(
    record: ActionItemRecord,
    expectedVersion: number,
  ): Promise<boolean> {
    const { id, ...fields } = toRow(record);
    const count = await this.db(TABLE)
      .where({ id, version: expectedVersion })
      .update(fields);
    return count === 1;
  }

  /** A page of items, overdue first, then by due date (none last), then oldest first. */
  async list(query: ActionItemQuery): Promise<ActionItemRecord[]> {
    const { now } = query;
    const rows: ActionItemRow[] = await this.db<ActionItemRow>(TABLE)
      .modify(qb => {
        if (query.entityRefs) qb.whereIn('entity_ref', query.entityRefs);
        if (query.incidentId) qb.where('incident_id', query.incidentId);
        if (query.postmortemId) qb.where('postmortem_id', query.postmortemId);
        if (query.runbookId) {
          qb.where('runbook_id', query.runbookId.toLowerCase());
        }
        if (query.statuses) qb.whereIn('status', query.statuses);
        if (query.ownerRefs || query.ownerGroupRef) {
          qb.where(owner => {
            if (query.ownerRefs) owner.whereIn('owner_ref', query.ownerRefs);
            if (query.ownerGroupRef) {
              owner.orWhere('owner_group_ref', query.ownerGroupRef);
            }
          });
        }
        if (query.overdue) {
          qb.whereIn('status', PENDING).where('due_at', '<', now);
        }
      })
      .orderByRaw(
        `CASE WHEN status IN ('open', 'in_progress') AND due_at < ? THEN 0
              WHEN status IN ('open', 'in_progress') THEN 1 ELSE 2 END`,
        [now],
      )
      .orderByRaw('CASE WHEN due_at IS NULL THEN 1 ELSE 0 END')
      .orderBy([
        { column: 'due_at', order: 'asc' },
        { column: 'created_at', order: 'asc' },
        { column: 'id', order: 'asc' },
      ])
      .limit(query.limit)
      .offset(query.offset);
    return rows.map(toRecord);
  }

  /** Pending items with a due date before `until`: those a reminder may be due for. */
  async pendingDueBefore(until: Date): Promise<ActionItemRecord[]> {
    const rows: ActionItemRow[] = await this.db<ActionItemRow>(TABLE)
      .whereIn('status', PENDING)
      .whereNotNull('due_at')
      .where('due_at', '<', until)
      .orderBy('due_at');
    return rows.map(toRecord);
  }

  /** The reminders sent on any of the days (`YYYY-MM-DD`), as `<item id>/<day>`. */
  async remindedOn(days: string[]): Promise<Set<string>> {
    if (days.length === 0) return new Set();
    const rows = await this.db(REMINDERS)
      .whereIn('day', days)
      .select('action_item_id', 'day');
    return new Set(rows.map(r => `${r.action_item_id}/${r.day}`));
  }

  /**
   * Claims the reminder of an item for a day (the owner's local day), then sends it. The claim is a row with a unique
   * key: of several replicas racing, one inserts it and sends, the others see it taken and
   * answer false. A failed send gives the claim back, so the next run tries again.
   */
  async claimReminder(
    itemId: string,
    day: string,
    now: Date,
    deliver: () => Promise<void>,
  ): Promise<boolean> {
    const key = { action_item_id: itemId, day };
    try {
      await this.db(REMINDERS).insert({ ...key, sent_at: now });
    } catch (error) {
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
    try {
      await deliver();
    } catch (error) {
      await this.db(REMINDERS).where(key).delete();
      throw error;
    }
    return true;
  }

  /** Forgets reminders of days before `day`. */
  async pruneReminders(day: string): Promise<number> {
    return this.db(REMINDERS).where('day', '<', day).delete();
  }
}
