import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Postmortem,
  PostmortemSection,
  PostmortemStatus,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { parseJsonColumn } from '../database/json';
import { toDate } from '../database/timestamps';
import { NewTimelineEvent } from '../incidents/IncidentStore';

const POSTMORTEMS = 'firebreak_postmortems';
const APPROVALS = 'firebreak_postmortem_approvals';
const COVERED = 'firebreak_postmortem_incidents';

/**
 * How postmortems add to an incident's timeline inside their own transaction: the one part of
 * the incident store they use (the incident store implements it).
 *
 * @internal
 */
export interface TimelineAppender {
  appendTimelineInTransaction(
    tx: Knex.Transaction,
    incidentId: string,
    events: NewTimelineEvent[],
  ): Promise<unknown>;
}

/** A postmortem as first written. @internal */
export type NewPostmortem = Omit<
  Postmortem,
  | 'approvals'
  | 'updatedAt'
  | 'version'
  | 'publishedAt'
  | 'incidentRef'
  | 'coveredIncidentIds'
> & { createdBy: string };

/** What an edit writes; absent fields stay as they are. @internal */
export interface PostmortemChanges {
  status?: PostmortemStatus;
  ownerRef?: string;
  reviewerRefs?: string[];
  sections?: PostmortemSection[];
  starredEventIds?: string[];
  waiverReason?: string | null;
  publishedAt?: Date | null;
  /** Drops every approval: a reopened postmortem is reviewed again. */
  clearApprovals?: boolean;
  updatedAt: Date;
}

/** A postmortem due for its reminder. @internal */
export interface DuePostmortem {
  id: string;
  incidentId: string;
  ownerRef: string;
  dueAt: Date;
}

type Row = Record<string, any>;

/** Whether a write failed on a unique index (an incident's second postmortem). @internal */
export function isUniqueViolation(error: unknown) {
  const e = error as { code?: string; message?: string };
  return (
    e?.code === '23505' ||
    e?.code === 'ER_DUP_ENTRY' ||
    e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    /UNIQUE constraint failed/.test(e?.message ?? '')
  );
}

/**
 * The 409 for a change based on a version of the postmortem that is no longer its current one.
 *
 * @internal
 */
export function staleVersion(version: number, current: number): ConflictError {
  return new ConflictError(
    `version ${version} is stale: the postmortem is at version ${current}; reload it and try again`,
  );
}

/**
 * Reads and writes postmortems and their approvals. Edits are optimistic on `version`; a
 * status change and the timeline event recording it are written in one transaction.
 *
 * @internal
 */
export class PostmortemStore {
  constructor(
    private readonly db: Knex,
    private readonly timeline: TimelineAppender,
  ) {}

  /**
   * Stores a new postmortem covering its incident; a ConflictError if the incident already has
   * one, of its own or as another postmortem's covered incident.
   */
  async create(postmortem: NewPostmortem): Promise<Postmortem> {
    try {
      await this.db.transaction(async tx => {
        await tx(POSTMORTEMS).insert({
          id: postmortem.id,
          incident_id: postmortem.incidentId,
          status: postmortem.status,
          required: postmortem.required,
          owner_ref: postmortem.ownerRef,
          owner_group_ref: postmortem.ownerGroupRef ?? null,
          reviewer_refs: JSON.stringify(postmortem.reviewerRefs),
          sections: JSON.stringify(postmortem.sections),
          starred_event_ids: JSON.stringify(postmortem.starredEventIds),
          approvals_required: postmortem.approvalsRequired,
          waiver_reason: null,
          due_at: postmortem.dueAt ? new Date(postmortem.dueAt) : null,
          created_by: postmortem.createdBy,
          created_at: new Date(postmortem.createdAt),
          updated_at: new Date(postmortem.createdAt),
          version: 1,
        });
        await tx(COVERED).insert({
          postmortem_id: postmortem.id,
          incident_id: postmortem.incidentId,
          added_by: postmortem.createdBy,
          added_at: new Date(postmortem.createdAt),
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          'The incident already has a postmortem; open it instead',
        );
      }
      throw error;
    }
    return (await this.get(postmortem.id))!;
  }

  async get(id: string, db: Knex = this.db): Promise<Postmortem | undefined> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) {
      return undefined;
    }
    const row = await db(POSTMORTEMS).where({ id: id.toLowerCase() }).first();
    return row ? this.withApprovals(row, db) : undefined;
  }

  /** The postmortem covering an incident: its own, or the one it is attached to. */
  async getByIncident(incidentId: string): Promise<Postmortem | undefined> {
    const row = await this.db(POSTMORTEMS)
      .join(COVERED, `${COVERED}.postmortem_id`, `${POSTMORTEMS}.id`)
      .where(`${COVERED}.incident_id`, incidentId)
      .first(`${POSTMORTEMS}.*`);
    return row ? this.withApprovals(row, this.db) : undefined;
  }

  /**
   * Applies changes if the postmortem is still at `expectedVersion`, with the timeline events
   * that record them on every covered incident, in one transaction; a ConflictError when it
   * changed first.
   */
  async update(
    current: Postmortem,
    expectedVersion: number,
    changes: PostmortemChanges,
    events: NewTimelineEvent[],
  ): Promise<Postmortem> {
    await this.db.transaction(async tx => {
      const columns: Row = {
        updated_at: changes.updatedAt,
        version: expectedVersion + 1,
      };
      if (changes.status) columns.status = changes.status;
      if (changes.ownerRef) columns.owner_ref = changes.ownerRef;
      if (changes.reviewerRefs) {
        columns.reviewer_refs = JSON.stringify(changes.reviewerRefs);
      }
      if (changes.sections) columns.sections = JSON.stringify(changes.sections);
      if (changes.starredEventIds) {
        columns.starred_event_ids = JSON.stringify(changes.starredEventIds);
      }
      if (changes.waiverReason !== undefined) {
        columns.waiver_reason = changes.waiverReason;
      }
      if (changes.publishedAt !== undefined) {
        columns.published_at = changes.publishedAt;
      }
      const updated = await tx(POSTMORTEMS)
        .where({ id: current.id, version: expectedVersion })
        .update(columns);
      if (updated === 0) {
        await this.throwStale(tx, current.id, expectedVersion);
      }
      if (changes.clearApprovals) {
        await tx(APPROVALS).where({ postmortem_id: current.id }).delete();
      }
      for (const incidentId of current.coveredIncidentIds) {
        await this.timeline.appendTimelineInTransaction(tx, incidentId, events);
      }
    });
    return (await this.get(current.id))!;
  }

  /**
   * Records an approval against the version the approver read; approving twice changes
   * nothing more. The postmortem's version moves on, as for any change.
   */
  async approve(
    id: string,
    expectedVersion: number,
    approverRef: string,
    at: Date,
  ): Promise<Postmortem> {
    await this.db.transaction(async tx => {
      const updated = await tx(POSTMORTEMS)
        .where({ id, version: expectedVersion })
        .update({ version: expectedVersion + 1, updated_at: at });
      if (updated === 0) {
        await this.throwStale(tx, id, expectedVersion);
      }
      const existing = await tx(APPROVALS)
        .where({ postmortem_id: id, approver_ref: approverRef })
        .first();
      if (!existing) {
        await tx(APPROVALS).insert({
          postmortem_id: id,
          approver_ref: approverRef,
          approved_at: at,
        });
      }
    });
    return (await this.get(id))!;
  }

  /** Sets the due date of a postmortem started before its incident was resolved. */
  async setDueAt(id: string, dueAt: Date, at: Date): Promise<void> {
    await this.db(POSTMORTEMS)
      .where({ id })
      .whereNull('due_at')
      .update({
        due_at: dueAt,
        updated_at: at,
        version: this.db.raw('version + 1'),
      });
  }

  /** Postmortems neither published nor waived whose due date is before `before`, not yet reminded. */
  async listDueForReminder(before: Date): Promise<DuePostmortem[]> {
    const rows = await this.db(POSTMORTEMS)
      .whereIn('status', ['draft', 'in_review'])
      .whereNotNull('due_at')
      .where('due_at', '<=', before)
      .whereNull('due_reminded_at')
      .select('id', 'incident_id', 'owner_ref', 'due_at');
    return rows.map(row => ({
      id: row.id,
      incidentId: row.incident_id,
      ownerRef: row.owner_ref,
      dueAt: toDate(row.due_at),
    }));
  }

  /** Claims a postmortem's due reminder; true for exactly one caller across replicas. */
  async claimDueReminder(id: string, at: Date): Promise<boolean> {
    const claimed = await this.db(POSTMORTEMS)
      .where({ id })
      .whereNull('due_reminded_at')
      .update({ due_reminded_at: at });
    return claimed === 1;
  }

  /** Gives a claimed reminder back after its sending failed, to be tried again. */
  async releaseDueReminder(id: string): Promise<void> {
    await this.db(POSTMORTEMS).where({ id }).update({ due_reminded_at: null });
  }

  /** A ConflictError saying what version the postmortem is at, or a 404 if it is gone. */
  async throwStale(
    tx: Knex,
    id: string,
    expectedVersion: number,
  ): Promise<never> {
    const row = await tx(POSTMORTEMS).where({ id }).first('version');
    if (!row) {
      throw new NotFoundError(`No postmortem ${id}`);
    }
    throw staleVersion(expectedVersion, row.version);
  }

  private async withApprovals(row: Row, db: Knex): Promise<Postmortem> {
    const [approvals, incident, covered] = await Promise.all([
      db(APPROVALS)
        .where({ postmortem_id: row.id })
        .orderBy('approved_at')
        .select('approver_ref', 'approved_at'),
      db('firebreak_incidents')
        .where({ id: row.incident_id })
        .first('ref_number'),
      db(COVERED)
        .where({ postmortem_id: row.id })
        .orderBy([{ column: 'added_at' }, { column: 'incident_id' }])
        .select('incident_id'),
    ]);
    const iso = (value: unknown) =>
      value ? toDate(value as Date).toISOString() : undefined;
    return {
      id: row.id,
      incidentId: row.incident_id,
      incidentRef: `INC-${incident?.ref_number}`,
      status: row.status,
      required: Boolean(row.required),
      ownerRef: row.owner_ref,
      ownerGroupRef: row.owner_group_ref ?? undefined,
      reviewerRefs: parseJsonColumn(row.reviewer_refs, []),
      sections: parseJsonColumn(row.sections, []),
      starredEventIds: parseJsonColumn(row.starred_event_ids, []),
      approvals: approvals.map(a => ({
        approverRef: a.approver_ref,
        approvedAt: toDate(a.approved_at).toISOString(),
      })),
      approvalsRequired: Number(row.approvals_required),
      waiverReason: row.waiver_reason ?? undefined,
      dueAt: iso(row.due_at),
      createdAt: iso(row.created_at)!,
      updatedAt: iso(row.updated_at)!,
      publishedAt: iso(row.published_at),
      version: Number(row.version),
      coveredIncidentIds: [
        row.incident_id,
        ...covered
          .map(c => c.incident_id as string)
          .filter(id => id !== row.incident_id),
      ],
    };
  }
}
