import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Incident,
  IncidentLink,
  IncidentSource,
  IncidentStatus,
  IncidentSummary,
  Page,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { lowerRef } from '../refs';
import {
  assertSameRequest,
  claimIdempotencyKey,
  findClaimedIdempotencyKey,
} from './IdempotencyKey';
import { IncidentListQuery, ListIncidentsQuery } from './IncidentListQuery';
import {
  ImpactedEntity,
  IncidentMemberChanges,
  IncidentMemberStore,
} from './IncidentMembers';
import {
  IncidentRow,
  incidentFromRow,
  isIncidentId,
  nextRefNumber,
  refNumberOf,
} from './IncidentRows';
import { NewTimelineEvent, TimelineEventStore } from './TimelineEventStore';

export type { IncidentFilter, ListIncidentsQuery } from './IncidentListQuery';
export type { ImpactedEntity } from './IncidentMembers';
export type { NewTimelineEvent } from './TimelineEventStore';

/** @internal */
export interface NewIncident {
  title: string;
  summary?: string;
  severity: string;
  priority: string;
  impact: string;
  urgency: string;
  status: IncidentStatus;
  entities: ImpactedEntity[];
  source: IncidentSource;
  reporterRef: string;
  roles: Record<string, string>;
  responders: string[];
  subscribers: string[];
  links: IncidentLink[];
  startedAt: Date;
  detectedAt?: Date;
  declaredAt: Date;
}

/**
 * What an update may change. Collections given replace what is stored.
 *
 * @internal
 */
export interface IncidentChanges extends IncidentMemberChanges {
  title?: string;
  summary?: string | null;
  severity?: string;
  priority?: string;
  impact?: string;
  urgency?: string;
  status?: IncidentStatus;
  links?: IncidentLink[];
  startedAt?: Date;
  detectedAt?: Date | null;
  acknowledgedAt?: Date | null;
  mitigatedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  updatedAt: Date;
}

/** The changes stored as they are, each in its column. */
const PLAIN_COLUMNS: [keyof IncidentChanges, string][] = [
  ['title', 'title'],
  ['summary', 'summary'],
  ['severity', 'severity'],
  ['priority', 'priority'],
  ['impact', 'impact'],
  ['urgency', 'urgency'],
  ['status', 'status'],
  ['startedAt', 'started_at'],
  ['detectedAt', 'detected_at'],
  ['acknowledgedAt', 'acknowledged_at'],
  ['mitigatedAt', 'mitigated_at'],
  ['resolvedAt', 'resolved_at'],
  ['closedAt', 'closed_at'],
];

/**
 * Reads and writes incidents, their impacted entities, roles, participants and timeline: the
 * incident's own row here, the rest through {@link IncidentMemberStore},
 * {@link TimelineEventStore} and {@link IncidentListQuery}. Every write is one transaction;
 * updates are optimistic on `version`.
 *
 * @internal
 */
export class IncidentStore {
  private readonly members: IncidentMemberStore;
  private readonly timeline: TimelineEventStore;
  private readonly lists: IncidentListQuery;

  constructor(private readonly db: Knex) {
    this.members = new IncidentMemberStore(db);
    this.timeline = new TimelineEventStore(db);
    this.lists = new IncidentListQuery(db);
  }

  async countIncidents(): Promise<number> {
    const [{ count }] = await this.db('firebreak_incidents').count({
      count: '*',
    });
    return Number(count);
  }

  /**
   * Stores a new incident with its first timeline events. With an idempotency key seen from
   * the same actor in the last 24 hours, stores nothing and returns that incident instead, or
   * throws {@link IdempotencyKeyReusedError} when the key came with another request body.
   */
  async createIncident(
    input: NewIncident,
    options: {
      actorRef: string;
      events: NewTimelineEvent[];
      idempotencyKey?: string;
      /** The hash of the request body, kept with the idempotency key. */
      requestHash?: string;
      /** More to write in the declare's transaction; its events join the timeline. */
      alsoInTransaction?: (
        tx: Knex.Transaction,
        incidentId: string,
      ) => Promise<NewTimelineEvent[]>;
    },
  ): Promise<{ incident: Incident; created: boolean }> {
    const id = randomUUID();
    const declare = () =>
      this.db.transaction(async tx => {
        if (options.idempotencyKey) {
          const existing = await claimIdempotencyKey(
            tx,
            options.actorRef,
            { key: options.idempotencyKey, requestHash: options.requestHash },
            id,
            input.declaredAt,
          );
          if (existing) {
            return { id: existing, created: false };
          }
        }

        await tx('firebreak_incidents').insert({
          id,
          ref_number: await nextRefNumber(tx),
          title: input.title,
          summary: input.summary ?? null,
          severity: input.severity,
          priority: input.priority,
          impact: input.impact,
          urgency: input.urgency,
          status: input.status,
          source: input.source,
          reporter_ref: lowerRef(input.reporterRef),
          links: JSON.stringify(input.links),
          started_at: input.startedAt,
          detected_at: input.detectedAt ?? null,
          declared_at: input.declaredAt,
          updated_at: input.declaredAt,
          version: 1,
        });
        await this.members.add(tx, id, input, input.declaredAt);
        const more = options.alsoInTransaction
          ? await options.alsoInTransaction(tx, id)
          : [];
        await this.timeline.insert(tx, id, [...options.events, ...more]);
        return { id, created: true };
      });

    let result: { id: string; created: boolean };
    try {
      result = await declare();
    } catch (error) {
      // A concurrent declare with the same key won the race: answer with its incident.
      const winner = options.idempotencyKey
        ? await findClaimedIdempotencyKey(
            this.db,
            options.actorRef,
            options.idempotencyKey,
          )
        : undefined;
      if (!winner) {
        throw error;
      }
      assertSameRequest(winner.requestHash, options.requestHash);
      result = { id: winner.incidentId, created: false };
    }

    const incident = await this.getIncident(result.id);
    if (!incident) {
      throw new NotFoundError(`Incident ${result.id} vanished after declare`);
    }
    return { incident, created: result.created };
  }

  /** By id, or by human reference such as `INC-42`. */
  async getIncident(idOrRef: string, db: Knex = this.db) {
    const refNumber = refNumberOf(idOrRef);
    if (refNumber === undefined && !isIncidentId(idOrRef)) {
      return undefined;
    }
    const row: IncidentRow | undefined = await db('firebreak_incidents')
      .where(
        refNumber !== undefined
          ? { ref_number: refNumber }
          : { id: lowerRef(idOrRef) },
      )
      .first();
    if (!row) {
      return undefined;
    }
    return {
      ...incidentFromRow(row),
      ...(await this.members.read(row.id, db)),
    } satisfies Incident;
  }

  /** The owners of an incident's impacted entities, as recorded when they were added. */
  async getOwnerRefs(incidentId: string): Promise<string[]> {
    return this.members.ownerRefs(incidentId);
  }

  /**
   * Applies changes if the incident is still at `expectedVersion`, with their timeline events,
   * in one transaction. Throws ConflictError when someone changed it first.
   */
  async updateIncident(
    id: string,
    expectedVersion: number,
    changes: IncidentChanges,
    events: NewTimelineEvent[],
  ): Promise<Incident> {
    await this.db.transaction(async tx => {
      const columns: Record<string, unknown> = {
        updated_at: changes.updatedAt,
        version: expectedVersion + 1,
      };
      for (const [key, column] of PLAIN_COLUMNS) {
        if (changes[key] !== undefined) {
          columns[column] = changes[key];
        }
      }
      if (changes.links) {
        columns.links = JSON.stringify(changes.links);
      }

      const updated = await tx('firebreak_incidents')
        .where({ id, version: expectedVersion })
        .update(columns);
      if (updated === 0) {
        const current = await tx('firebreak_incidents')
          .where({ id })
          .first('version');
        if (!current) {
          throw new NotFoundError(`No incident ${id}`);
        }
        throw new ConflictError(
          `version ${expectedVersion} is stale: the incident is at version ${current.version}; reload it and try again`,
        );
      }

      await this.members.replace(tx, id, changes);
      await this.timeline.insert(tx, id, events);
    });

    const incident = await this.getIncident(id);
    if (!incident) {
      throw new NotFoundError(`No incident ${id}`);
    }
    return incident;
  }

  /**
   * Records the first acknowledgement of an incident (later ones change nothing), as a change
   * of the incident: its version moves on.
   */
  async markAcknowledged(tx: Knex.Transaction, id: string, at: Date) {
    await tx('firebreak_incidents')
      .where({ id })
      .whereNull('acknowledged_at')
      .update({
        acknowledged_at: at,
        updated_at: at,
        version: tx.raw('version + 1'),
      });
  }

  /** Adds events to the timeline without changing the incident itself. */
  async appendTimeline(
    id: string,
    events: NewTimelineEvent[],
  ): Promise<TimelineEvent[]> {
    return this.timeline.append(id, events);
  }

  /**
   * Adds events to the timeline inside the caller's transaction, which then holds the
   * incident's row lock until it ends.
   */
  async appendTimelineInTransaction(
    tx: Knex.Transaction,
    id: string,
    events: NewTimelineEvent[],
  ): Promise<TimelineEvent[]> {
    return this.timeline.appendInTransaction(tx, id, events);
  }

  /** The timeline, oldest first. */
  async listTimeline(id: string): Promise<TimelineEvent[]> {
    return this.timeline.list(id);
  }

  /** Newest first, keyset-paginated; see {@link IncidentListQuery.list}. */
  async listIncidents(
    query: ListIncidentsQuery,
  ): Promise<Page<IncidentSummary>> {
    return this.lists.list(query);
  }
}
