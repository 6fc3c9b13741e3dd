import {
  EscalationLevel,
  OnCallPage,
  PageStatus,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { parseJsonColumn } from '../database/json';
import { toDate } from '../database/timestamps';
import { lowerRef } from '../refs';

/**
 * The policy as a page started: later edits of the policy do not change a running page.
 *
 * @internal
 */
export interface PolicySnapshot {
  levels: EscalationLevel[];
  repeat: number;
}

/** @internal */
export interface PageRow {
  id: string;
  incidentId: string;
  policyId: string;
  policyName: string;
  snapshot: PolicySnapshot;
  status: PageStatus;
  level: number;
  round: number;
  nextEscalationAt?: Date;
  acknowledgedBy?: string;
  acknowledgedAt?: Date;
  createdAt: Date;
}

/**
 * A notification waiting in the outbox, or claimed for delivery.
 *
 * @internal
 */
export interface OutboxNotification {
  id: string;
  pageId: string;
  incidentId: string;
  round: number;
  level: number;
  userRef: string;
  attempts: number;
}

/**
 * Row locks for the paging engine. SQLite has none (and needs none: one process writes at a
 * time); PostgreSQL and MySQL skip rows another replica holds, so replicas share the work.
 */
function locked(
  db: Knex,
  query: Knex.QueryBuilder,
  mode: 'wait' | 'skip',
): Promise<Record<string, any>[]> {
  const client = String(db.client.config.client);
  if (client.includes('sqlite')) {
    return query;
  }
  const forUpdate = query.forUpdate();
  return mode === 'skip' ? forUpdate.skipLocked() : forUpdate;
}

/**
 * Pages and their notification outbox. Callers pass the transaction a change belongs to, so a
 * page's state and the notifications it owes are written together.
 *
 * @internal
 */
export class PagingStore {
  constructor(private readonly db: Knex) {}

  async insertPage(
    tx: Knex.Transaction,
    page: Omit<PageRow, 'id' | 'createdAt'>,
    now: Date,
  ): Promise<string> {
    const id = randomUUID();
    await tx('firebreak_pages').insert({
      id,
      incident_id: page.incidentId,
      policy_id: page.policyId,
      policy_name: page.policyName,
      policy_snapshot: JSON.stringify(page.snapshot),
      status: page.status,
      level: page.level,
      round: page.round,
      next_escalation_at: page.nextEscalationAt ?? null,
      acknowledged_by: null,
      acknowledged_at: null,
      created_at: now,
      updated_at: now,
    });
    return id;
  }

  async updatePage(
    tx: Knex.Transaction,
    id: string,
    changes: {
      status?: PageStatus;
      level?: number;
      round?: number;
      nextEscalationAt?: Date | null;
      acknowledgedBy?: string;
      acknowledgedAt?: Date;
    },
    now: Date,
  ) {
    await tx('firebreak_pages')
      .where({ id })
      .update({
        ...(changes.status && { status: changes.status }),
        ...(changes.level !== undefined && { level: changes.level }),
        ...(changes.round !== undefined && { round: changes.round }),
        ...(changes.nextEscalationAt !== undefined && {
          next_escalation_at: changes.nextEscalationAt,
        }),
        ...(changes.acknowledgedBy && {
          acknowledged_by: lowerRef(changes.acknowledgedBy),
        }),
        ...(changes.acknowledgedAt && {
          acknowledged_at: changes.acknowledgedAt,
        }),
        updated_at: now,
      });
  }

  /** Queues a level's notifications; a repeat of the same (page, round, level, user) is a no-op. */
  async enqueueNotifications(
    tx: Knex.Transaction,
    page: { id: string; incidentId: string; round: number; level: number },
    userRefs: string[],
    now: Date,
  ) {
    const unique = [...new Set(userRefs.map(lowerRef))];
    if (unique.length === 0) {
      return;
    }
    await tx('firebreak_page_notifications')
      .insert(
        unique.map(userRef => ({
          id: randomUUID(),
          page_id: page.id,
          incident_id: page.incidentId,
          round: page.round,
          level: page.level,
          user_ref: userRef,
          status: 'pending',
          attempts: 0,
          created_at: now,
        })),
      )
      .onConflict(['page_id', 'round', 'level', 'user_ref'])
      .ignore();
  }

  /** Active pages whose acknowledgement timeout has passed, locked for this transaction. */
  async lockDuePages(
    tx: Knex.Transaction,
    now: Date,
    limit: number,
  ): Promise<PageRow[]> {
    const rows = await locked(
      this.db,
      tx('firebreak_pages')
        .where({ status: 'active' })
        .where('next_escalation_at', '<=', now)
        .orderBy('next_escalation_at')
        .limit(limit),
      'skip',
    );
    return rows.map(row => this.toPage(row));
  }

  /** The active pages of an incident, locked for this transaction (waiting for other holders). */
  async lockActivePages(
    tx: Knex.Transaction,
    incidentId: string,
  ): Promise<PageRow[]> {
    const rows = await locked(
      this.db,
      tx('firebreak_pages')
        .where({ incident_id: incidentId, status: 'active' })
        .orderBy('created_at'),
      'wait',
    );
    return rows.map(row => this.toPage(row));
  }

  /**
   * When the incident was last escalated by hand, with its row locked for this transaction: a
   * concurrent escalation on another replica waits, then sees this one's time.
   */
  async lockLastManualEscalation(
    tx: Knex.Transaction,
    incidentId: string,
  ): Promise<Date | undefined> {
    const [row] = await locked(
      this.db,
      tx('firebreak_incidents')
        .where({ id: incidentId })
        .select('manually_escalated_at'),
      'wait',
    );
    return row?.manually_escalated_at
      ? toDate(row.manually_escalated_at)
      : undefined;
  }

  /** Records when the incident was escalated by hand; its `version` stays as it is. */
  async recordManualEscalation(
    tx: Knex.Transaction,
    incidentId: string,
    at: Date,
  ) {
    await tx('firebreak_incidents')
      .where({ id: incidentId })
      .update({ manually_escalated_at: at });
  }

  async listPages(incidentId: string): Promise<OnCallPage[]> {
    const [pages, notified] = await Promise.all([
      this.db('firebreak_pages')
        .where({ incident_id: incidentId })
        .orderBy([{ column: 'created_at' }, { column: 'id' }]),
      this.db('firebreak_page_notifications')
        .where({ incident_id: incidentId })
        .orderBy([{ column: 'created_at' }, { column: 'user_ref' }])
        .select('page_id', 'user_ref'),
    ]);
    return pages.map(row => {
      const page = this.toPage(row);
      return {
        id: page.id,
        incidentId: page.incidentId,
        policyId: page.policyId,
        policyName: page.policyName,
        status: page.status,
        level: page.level,
        round: page.round,
        notified: [
          ...new Set(
            notified.filter(n => n.page_id === page.id).map(n => n.user_ref),
          ),
        ],
        nextEscalationAt:
          page.status === 'active'
            ? page.nextEscalationAt?.toISOString()
            : undefined,
        acknowledgedBy: page.acknowledgedBy,
        acknowledgedAt: page.acknowledgedAt?.toISOString(),
        createdAt: page.createdAt.toISOString(),
      };
    });
  }

  /** Whether a user was notified by any page of the incident. */
  async wasNotified(incidentId: string, userRef: string): Promise<boolean> {
    const row = await this.db('firebreak_page_notifications')
      .where({ incident_id: incidentId, user_ref: lowerRef(userRef) })
      .first('id');
    return Boolean(row);
  }

  /**
   * Takes pending notifications for delivery: each is held by one replica until `until` (which
   * the holder renews while it works); one whose holder died becomes claimable again then.
   */
  async claimNotifications(
    claimer: string,
    now: Date,
    until: Date,
    limit: number,
  ): Promise<OutboxNotification[]> {
    return this.db.transaction(async tx => {
      const rows = await locked(
        this.db,
        tx('firebreak_page_notifications')
          .where({ status: 'pending' })
          .where(q =>
            q.whereNull('claimed_until').orWhere('claimed_until', '<=', now),
          )
          .orderBy('created_at')
          .limit(limit),
        'skip',
      );
      if (rows.length === 0) {
        return [];
      }
      await tx('firebreak_page_notifications')
        .whereIn(
          'id',
          rows.map(r => r.id),
        )
        .update({
          claimed_by: claimer,
          claimed_until: until,
          attempts: tx.raw('attempts + 1'),
        });
      return rows.map(row => ({
        id: row.id,
        pageId: row.page_id,
        incidentId: row.incident_id,
        round: Number(row.round),
        level: Number(row.level),
        userRef: row.user_ref,
        attempts: Number(row.attempts) + 1,
      }));
    });
  }

  /**
   * Extends the claims `claimer` still holds among `ids` to `until` (never shortening a later
   * retry time) and returns the ids it holds; those missing were taken over or are done.
   */
  async renewClaims(
    ids: string[],
    claimer: string,
    until: Date,
  ): Promise<string[]> {
    if (ids.length === 0) {
      return [];
    }
    return this.db.transaction(async tx => {
      const rows = await locked(
        this.db,
        tx('firebreak_page_notifications')
          .whereIn('id', ids)
          .where({ claimed_by: claimer, status: 'pending' })
          .select('id'),
        'wait',
      );
      const held = rows.map(row => String(row.id));
      if (held.length > 0) {
        await tx('firebreak_page_notifications')
          .whereIn('id', held)
          .where('claimed_until', '<', until)
          .update({ claimed_until: until });
      }
      return held;
    });
  }

  /** Records a delivery by the notification's holder; false if `claimer` no longer holds it. */
  async markSent(id: string, claimer: string, now: Date): Promise<boolean> {
    const updated = await this.db('firebreak_page_notifications')
      .where({ id, claimed_by: claimer, status: 'pending' })
      .update({ status: 'sent', sent_at: now, claimed_until: null });
    return Number(updated) > 0;
  }

  /** Lets a notification whose delivery failed be claimed again at `retryAt`. */
  async release(id: string, claimer: string, retryAt: Date) {
    await this.db('firebreak_page_notifications')
      .where({ id, claimed_by: claimer })
      .update({ claimed_until: retryAt });
  }

  private toPage(row: Record<string, any>): PageRow {
    return {
      id: row.id,
      incidentId: row.incident_id,
      policyId: row.policy_id,
      policyName: row.policy_name,
      snapshot: parseJsonColumn<PolicySnapshot>(row.policy_snapshot, {
        levels: [],
        repeat: 0,
      }),
      status: row.status,
      level: Number(row.level),
      round: Number(row.round),
      nextEscalationAt: row.next_escalation_at
        ? toDate(row.next_escalation_at)
        : undefined,
      acknowledgedBy: row.acknowledged_by ?? undefined,
      acknowledgedAt: row.acknowledged_at
        ? toDate(row.acknowledged_at)
        : undefined,
      createdAt: toDate(row.created_at),
    };
  }
}
