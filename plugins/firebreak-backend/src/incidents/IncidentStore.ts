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
import { parseJsonColumn } from '../database/json';
import { toDate } from '../database/timestamps';
import { decodeCursor, encodeCursor } from './cursor';
import { IdempotencyKeyReusedError } from './IdempotencyKey';
import { lowerRef } from '../refs';

/**
 * An impacted entity as stored: its ref and, when the catalog knew it, its owner.
 *
 * @internal
 */
export interface ImpactedEntity {
  entityRef: string;
  ownerRef?: string;
}

/**
 * A timeline event before it is stored: the store gives it an id and a place in order.
 *
 * @internal
 */
export type NewTimelineEvent = Omit<TimelineEvent, 'id' | 'incidentId'>;

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
  declaredAt: Date;
}

/**
 * What an update may change. Collections given replace what is stored.
 *
 * @internal
 */
export interface IncidentChanges {
  title?: string;
  summary?: string | null;
  severity?: string;
  priority?: string;
  impact?: string;
  urgency?: string;
  status?: IncidentStatus;
  entities?: ImpactedEntity[];
  roles?: Record<string, string>;
  responders?: string[];
  subscribers?: string[];
  links?: IncidentLink[];
  startedAt?: Date;
  acknowledgedAt?: Date | null;
  mitigatedAt?: Date | null;
  resolvedAt?: Date | null;
  closedAt?: Date | null;
  updatedAt: Date;
}

/**
 * A filter on incidents that permission rules translate to: the incident impacts an entity
 * owned by one of the claims, one of the claims holds a role in it, or one of the claims takes
 * part in it (holds a role, is a responder, or reported it).
 *
 * @public
 */
export type IncidentFilter =
  | { allOf: IncidentFilter[] }
  | { anyOf: IncidentFilter[] }
  | { not: IncidentFilter }
  | { ownerRefs: string[] }
  | { roleHolders: string[] }
  | { participants: string[] };

/** @internal */
export interface ListIncidentsQuery {
  /** Incidents impacting any of these entities. */
  entityRefs?: string[];
  statuses?: IncidentStatus[];
  severities?: string[];
  /** Words to find in the title or reference. */
  q?: string;
  declaredFrom?: Date;
  declaredTo?: Date;
  /** From the permission framework; undefined means no restriction. */
  filter?: IncidentFilter;
  limit: number;
  cursor?: string;
}

interface IncidentRow {
  id: string;
  ref_number: number | string;
  title: string;
  summary: string | null;
  severity: string;
  priority: string;
  impact: string;
  urgency: string;
  status: IncidentStatus;
  source: IncidentSource;
  reporter_ref: string;
  links: string | null;
  started_at: Date | string | number | null;
  declared_at: Date | string | number;
  acknowledged_at: Date | string | number | null;
  mitigated_at: Date | string | number | null;
  resolved_at: Date | string | number | null;
  closed_at: Date | string | number | null;
  updated_at: Date | string | number;
  version: number | string;
}

const REF_PATTERN = /^inc-(\d+)$/i;
// ref_number is a 32-bit integer column: a larger INC-<n> names no incident, and PostgreSQL
// refuses to compare the column with it.
const MAX_REF_NUMBER = 2_147_483_647;

/** The <n> of an `INC-<n>` reference the column can hold, else undefined. */
function refNumberOf(text: string): number | undefined {
  const match = REF_PATTERN.exec(text);
  const value = match ? Number(match[1]) : NaN;
  return value <= MAX_REF_NUMBER ? value : undefined;
}

/** The columns of an incident in a list. */
const SUMMARY_COLUMNS = [
  'i.id',
  'i.ref_number',
  'i.title',
  'i.severity',
  'i.priority',
  'i.status',
  'i.declared_at',
  'i.resolved_at',
];

/**
 * Roll-ups over at most this many entities read each entity's range of the history index;
 * larger ones walk the incidents (SQLite allows 500 members in a UNION).
 */
const MAX_ROLLUP_RANGES = 100;
const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function iso(value: Date | string | number | null | undefined) {
  return value === null || value === undefined
    ? undefined
    : toDate(value).toISOString();
}

/**
 * A stored key's request must be the one retried; keys stored before request hashes were kept
 * (no hash) still answer with their incident.
 */
function assertSameRequest(
  storedHash: string | null | undefined,
  requestHash: string | undefined,
) {
  if (storedHash && requestHash && storedHash !== requestHash) {
    throw new IdempotencyKeyReusedError();
  }
}

/**
 * Reads and writes incidents, their impacted entities, roles, participants and timeline.
 * Every write is one transaction; updates are optimistic on `version`.
 *
 * @internal
 */
export class IncidentStore {
  constructor(private readonly db: Knex) {}

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
          const existing = await this.claimIdempotencyKey(
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

        const refNumber = await this.nextCounterValue(tx, 'incident_ref');
        await tx('firebreak_incidents').insert({
          id,
          ref_number: refNumber,
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
          declared_at: input.declaredAt,
          updated_at: input.declaredAt,
          version: 1,
        });
        await this.writeEntities(tx, id, input.entities, input.declaredAt);
        await this.writeRoles(tx, id, input.roles);
        await this.writeParticipants(tx, id, 'responder', input.responders);
        await this.writeParticipants(tx, id, 'subscriber', input.subscribers);
        const more = options.alsoInTransaction
          ? await options.alsoInTransaction(tx, id)
          : [];
        await this.insertEvents(tx, id, [...options.events, ...more]);
        return { id, created: true };
      });

    let result: { id: string; created: boolean };
    try {
      result = await declare();
    } catch (error) {
      // A concurrent declare with the same key won the race: answer with its incident.
      const winner = options.idempotencyKey
        ? await this.db('firebreak_idempotency_keys')
            .where({
              actor_ref: lowerRef(options.actorRef),
              idempotency_key: options.idempotencyKey,
            })
            .first('incident_id', 'request_hash')
        : undefined;
      if (!winner) {
        throw error;
      }
      assertSameRequest(winner.request_hash, options.requestHash);
      result = { id: winner.incident_id, created: false };
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
    if (refNumber === undefined && !UUID_PATTERN.test(idOrRef)) {
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
    const [entities, roles, participants] = await Promise.all([
      db('firebreak_incident_entities')
        .where({ incident_id: row.id })
        .orderBy('entity_ref')
        .select('entity_ref', 'owner_ref'),
      db('firebreak_incident_roles')
        .where({ incident_id: row.id })
        .select('role', 'user_ref'),
      db('firebreak_incident_participants')
        .where({ incident_id: row.id })
        .orderBy('entity_ref')
        .select('kind', 'entity_ref'),
    ]);
    return {
      ...this.toIncident(row),
      entityRefs: entities.map(e => e.entity_ref),
      roles: Object.fromEntries(roles.map(r => [r.role, r.user_ref])),
      responders: participants
        .filter(p => p.kind === 'responder')
        .map(p => p.entity_ref),
      subscribers: participants
        .filter(p => p.kind === 'subscriber')
        .map(p => p.entity_ref),
    } satisfies Incident;
  }

  /** The owners of an incident's impacted entities, as recorded when they were added. */
  async getOwnerRefs(incidentId: string): Promise<string[]> {
    const rows = await this.db('firebreak_incident_entities')
      .where({ incident_id: incidentId })
      .whereNotNull('owner_ref')
      .distinct('owner_ref');
    return rows.map(r => r.owner_ref);
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
      const plain: [keyof IncidentChanges, string][] = [
        ['title', 'title'],
        ['summary', 'summary'],
        ['severity', 'severity'],
        ['priority', 'priority'],
        ['impact', 'impact'],
        ['urgency', 'urgency'],
        ['status', 'status'],
        ['startedAt', 'started_at'],
        ['acknowledgedAt', 'acknowledged_at'],
        ['mitigatedAt', 'mitigated_at'],
        ['resolvedAt', 'resolved_at'],
        ['closedAt', 'closed_at'],
      ];
      for (const [key, column] of plain) {
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

      if (changes.entities) {
        const { declared_at } = await tx('firebreak_incidents')
          .where({ id })
          .first('declared_at');
        await tx('firebreak_incident_entities')
          .where({ incident_id: id })
          .delete();
        await this.writeEntities(tx, id, changes.entities, toDate(declared_at));
      }
      if (changes.roles) {
        await tx('firebreak_incident_roles')
          .where({ incident_id: id })
          .delete();
        await this.writeRoles(tx, id, changes.roles);
      }
      if (changes.responders) {
        await tx('firebreak_incident_participants')
          .where({ incident_id: id, kind: 'responder' })
          .delete();
        await this.writeParticipants(tx, id, 'responder', changes.responders);
      }
      if (changes.subscribers) {
        await tx('firebreak_incident_participants')
          .where({ incident_id: id, kind: 'subscriber' })
          .delete();
        await this.writeParticipants(tx, id, 'subscriber', changes.subscribers);
      }
      await this.insertEvents(tx, id, events);
    });

    const incident = await this.getIncident(id);
    if (!incident) {
      throw new NotFoundError(`No incident ${id}`);
    }
    return incident;
  }

  /** Adds events to the timeline without changing the incident itself. */
  async appendTimeline(
    id: string,
    events: NewTimelineEvent[],
  ): Promise<TimelineEvent[]> {
    return this.db.transaction(async tx => {
      // Lock the incident so concurrent appends take turns for their place in order.
      const incident = await tx('firebreak_incidents')
        .where({ id })
        .forUpdate()
        .first('id');
      if (!incident) {
        throw new NotFoundError(`No incident ${id}`);
      }
      return this.insertEvents(tx, id, events);
    });
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
    if (events.length === 0) {
      return [];
    }
    await tx('firebreak_incidents').where({ id }).forUpdate().first('id');
    return this.insertEvents(tx, id, events);
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

  /** The timeline, oldest first. */
  async listTimeline(id: string): Promise<TimelineEvent[]> {
    const rows = await this.db('firebreak_timeline_events')
      .where({ incident_id: id })
      .orderBy('seq', 'asc');
    return rows.map(
      row =>
        ({
          id: row.id,
          incidentId: row.incident_id,
          type: row.type,
          actorRef: row.actor_ref,
          at: toDate(row.at).toISOString(),
          data: parseJsonColumn(row.data, {}),
        } as TimelineEvent),
    );
  }

  /**
   * Newest first, keyset-paginated on (declared_at, id).
   *
   * One entity's history, the commonest list, is read from the history index
   * (entity_ref, declared_at, incident_id): the page is the first rows of one index range,
   * however long the history and however deep the cursor. A roll-up of a few entities (a
   * system's parts, what a group owns) takes the first `limit + 1` rows of each entity's range
   * and keeps the newest distinct incidents among them: an incident on the page is among the
   * first `limit + 1` of every entity it impacts. Lists over many entities or none walk the
   * incidents in declaring order instead.
   */
  async listIncidents(
    query: ListIncidentsQuery,
  ): Promise<Page<IncidentSummary>> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;
    const refs = query.entityRefs && [
      ...new Set(query.entityRefs.map(lowerRef)),
    ];
    const limit = query.limit + 1;
    // Filters on the incident row itself; the declaring time is on both rows.
    const filtersIncidents = Boolean(
      query.statuses?.length ||
        query.severities?.length ||
        query.q ||
        query.filter,
    );

    // Applies the filters and the cursor, keyed on one table's copy of (declared_at, id).
    const filtered = (
      qb: Knex.QueryBuilder,
      order: { declaredAt: string; id: string },
    ) => {
      if (query.statuses?.length) {
        qb.whereIn('i.status', query.statuses);
      }
      if (query.severities?.length) {
        qb.whereIn('i.severity', query.severities);
      }
      if (query.declaredFrom) {
        qb.where(order.declaredAt, '>=', query.declaredFrom);
      }
      if (query.declaredTo) {
        qb.where(order.declaredAt, '<', query.declaredTo);
      }
      if (query.q) {
        const words = query.q.trim().split(/\s+/).filter(Boolean);
        for (const word of words) {
          const refNumber = refNumberOf(word);
          // '!' escapes LIKE wildcards: a backslash means different things per database.
          const pattern = `%${word
            .toLocaleLowerCase('en-US')
            .replace(/[!%_]/g, c => `!${c}`)}%`;
          qb.where(inner => {
            inner.whereRaw(`LOWER(i.title) LIKE ? ESCAPE '!'`, [pattern]);
            if (refNumber !== undefined) {
              inner.orWhere('i.ref_number', refNumber);
            }
          });
        }
      }
      if (query.filter) {
        this.applyFilter(qb, query.filter);
      }
      if (cursor) {
        const declaredAt = new Date(cursor.declaredAt);
        // The first bound is redundant but lets every database start the index range at
        // the cursor instead of filtering everything newer.
        qb.where(order.declaredAt, '<=', declaredAt).andWhere(inner =>
          inner
            .where(order.declaredAt, '<', declaredAt)
            .orWhere(order.id, '<', cursor.id),
        );
      }
      return qb.orderBy([
        { column: order.declaredAt, order: 'desc' },
        { column: order.id, order: 'desc' },
      ]);
    };
    const byEntity = { declaredAt: 'e.declared_at', id: 'e.incident_id' };
    const byIncident = { declaredAt: 'i.declared_at', id: 'i.id' };

    let page: Knex.QueryBuilder;
    if (refs?.length === 1) {
      page = filtered(
        this.db('firebreak_incident_entities as e')
          .join('firebreak_incidents as i', 'i.id', 'e.incident_id')
          .where('e.entity_ref', refs[0]),
        byEntity,
      )
        .select(SUMMARY_COLUMNS)
        .limit(limit);
    } else if (refs && refs.length > 1 && refs.length <= MAX_ROLLUP_RANGES) {
      // Each entity's range gives ids only, from the index alone unless a filter needs the
      // incident; the incidents are read for the page's ids. SQLite takes no parentheses
      // around the members of a UNION, so each member is a plain SELECT.
      const [first, ...others] = refs.map(ref =>
        this.db.select('*').from(
          filtered(
            this.db('firebreak_incident_entities as e')
              .modify(qb => {
                if (filtersIncidents) {
                  qb.join('firebreak_incidents as i', 'i.id', 'e.incident_id');
                }
              })
              .where('e.entity_ref', ref),
            byEntity,
          )
            .select('e.incident_id as id', 'e.declared_at as declared_at')
            .limit(limit)
            .as('r'),
        ),
      );
      const ids = this.db
        .from(first.unionAll(others).as('u'))
        .distinct('u.id', 'u.declared_at')
        .orderBy([
          { column: 'u.declared_at', order: 'desc' },
          { column: 'u.id', order: 'desc' },
        ])
        .limit(limit);
      page = this.db
        .from(ids.as('t'))
        .join('firebreak_incidents as i', 'i.id', 't.id')
        .select(SUMMARY_COLUMNS);
    } else {
      page = filtered(
        this.db('firebreak_incidents as i').modify(qb => {
          if (refs) {
            qb.whereIn(
              'i.id',
              this.db('firebreak_incident_entities')
                .select('incident_id')
                .whereIn('entity_ref', refs),
            );
          }
        }),
        byIncident,
      )
        .select(SUMMARY_COLUMNS)
        .limit(limit);
    }

    // The page and its impacted entities in one round trip: a row per impacted entity.
    const rows: (IncidentRow & { impacted_ref: string | null })[] =
      await this.db
        .select('p.*', 'pe.entity_ref as impacted_ref')
        .from(page.as('p'))
        .leftJoin('firebreak_incident_entities as pe', 'pe.incident_id', 'p.id')
        .orderBy([
          { column: 'p.declared_at', order: 'desc' },
          { column: 'p.id', order: 'desc' },
          { column: 'pe.entity_ref', order: 'asc' },
        ]);

    const incidents: IncidentSummary[] = [];
    for (const row of rows) {
      let incident = incidents[incidents.length - 1];
      if (incident?.id !== row.id) {
        incident = {
          id: row.id,
          ref: `INC-${Number(row.ref_number)}`,
          title: row.title,
          severity: row.severity,
          priority: row.priority,
          status: row.status,
          entityRefs: [],
          declaredAt: toDate(row.declared_at).toISOString(),
          resolvedAt: iso(row.resolved_at),
        };
        incidents.push(incident);
      }
      if (row.impacted_ref !== null) {
        incident.entityRefs.push(row.impacted_ref);
      }
    }

    const items = incidents.slice(0, query.limit);
    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        incidents.length > query.limit && last
          ? encodeCursor({ declaredAt: last.declaredAt, id: last.id })
          : undefined,
    };
  }

  private applyFilter(qb: Knex.QueryBuilder, filter: IncidentFilter): void {
    if ('allOf' in filter) {
      qb.where(inner => {
        for (const f of filter.allOf)
          inner.andWhere(q => this.applyFilter(q, f));
      });
    } else if ('anyOf' in filter) {
      qb.where(inner => {
        for (const f of filter.anyOf)
          inner.orWhere(q => this.applyFilter(q, f));
      });
    } else if ('not' in filter) {
      qb.whereNot(inner => this.applyFilter(inner, filter.not));
    } else if ('ownerRefs' in filter) {
      qb.whereIn(
        'i.id',
        this.db('firebreak_incident_entities')
          .select('incident_id')
          .whereIn('owner_ref', filter.ownerRefs.map(lowerRef)),
      );
    } else if ('roleHolders' in filter) {
      qb.whereIn(
        'i.id',
        this.db('firebreak_incident_roles')
          .select('incident_id')
          .whereIn('user_ref', filter.roleHolders.map(lowerRef)),
      );
    } else {
      const claims = filter.participants.map(lowerRef);
      qb.where(inner =>
        inner
          .whereIn('i.reporter_ref', claims)
          .orWhereIn(
            'i.id',
            this.db('firebreak_incident_roles')
              .select('incident_id')
              .whereIn('user_ref', claims),
          )
          .orWhereIn(
            'i.id',
            this.db('firebreak_incident_participants')
              .select('incident_id')
              .where('kind', 'responder')
              .whereIn('entity_ref', claims),
          ),
      );
    }
  }

  private toIncident(
    row: IncidentRow,
  ): Omit<Incident, 'entityRefs' | 'roles' | 'responders' | 'subscribers'> {
    return {
      id: row.id,
      ref: `INC-${Number(row.ref_number)}`,
      title: row.title,
      summary: row.summary ?? undefined,
      severity: row.severity,
      priority: row.priority,
      impact: row.impact,
      urgency: row.urgency,
      status: row.status,
      source: row.source,
      reporterRef: row.reporter_ref,
      links: parseJsonColumn<IncidentLink[]>(row.links, []),
      startedAt: iso(row.started_at ?? row.declared_at)!,
      declaredAt: iso(row.declared_at)!,
      acknowledgedAt: iso(row.acknowledged_at),
      mitigatedAt: iso(row.mitigated_at),
      resolvedAt: iso(row.resolved_at),
      closedAt: iso(row.closed_at),
      updatedAt: iso(row.updated_at)!,
      version: Number(row.version),
    };
  }

  /**
   * Increments a counter inside the caller's transaction. The row lock this takes makes
   * concurrent declares wait their turn, so every value is handed out once.
   */
  private async nextCounterValue(tx: Knex.Transaction, name: string) {
    const updated = await tx('firebreak_counters')
      .where({ name })
      .increment('value', 1);
    if (!updated) {
      await tx('firebreak_counters').insert({ name, value: 1 });
      return 1;
    }
    const row = await tx('firebreak_counters').where({ name }).first('value');
    return Number(row.value);
  }

  /**
   * Returns the incident an earlier declare with this key created, or records the key for the
   * incident being created now. Keys are the actor's own: another actor's equal key is another.
   */
  private async claimIdempotencyKey(
    tx: Knex.Transaction,
    actorRef: string,
    idempotency: { key: string; requestHash?: string },
    incidentId: string,
    now: Date,
  ): Promise<string | undefined> {
    const where = {
      actor_ref: lowerRef(actorRef),
      idempotency_key: idempotency.key,
    };
    const existing = await tx('firebreak_idempotency_keys')
      .where(where)
      .forUpdate()
      .first();
    if (existing) {
      const age = now.getTime() - toDate(existing.created_at).getTime();
      if (age < 24 * 3_600_000) {
        assertSameRequest(existing.request_hash, idempotency.requestHash);
        return existing.incident_id;
      }
      await tx('firebreak_idempotency_keys').where(where).delete();
    }
    await tx('firebreak_idempotency_keys').insert({
      ...where,
      request_hash: idempotency.requestHash ?? null,
      incident_id: incidentId,
      created_at: now,
    });
    return undefined;
  }

  private async writeEntities(
    tx: Knex.Transaction,
    incidentId: string,
    entities: ImpactedEntity[],
    declaredAt: Date,
  ) {
    const unique = new Map<string, ImpactedEntity>();
    for (const entity of entities) {
      unique.set(lowerRef(entity.entityRef), entity);
    }
    if (unique.size === 0) {
      return;
    }
    await tx('firebreak_incident_entities').insert(
      [...unique].map(([entityRef, entity]) => ({
        incident_id: incidentId,
        entity_ref: entityRef,
        owner_ref: entity.ownerRef ? lowerRef(entity.ownerRef) : null,
        declared_at: declaredAt,
      })),
    );
  }

  private async writeRoles(
    tx: Knex.Transaction,
    incidentId: string,
    roles: Record<string, string>,
  ) {
    const rows = Object.entries(roles)
      .filter(([, userRef]) => Boolean(userRef))
      .map(([role, userRef]) => ({
        incident_id: incidentId,
        role,
        user_ref: lowerRef(userRef),
      }));
    if (rows.length > 0) {
      await tx('firebreak_incident_roles').insert(rows);
    }
  }

  private async writeParticipants(
    tx: Knex.Transaction,
    incidentId: string,
    kind: 'responder' | 'subscriber',
    refs: string[],
  ) {
    const unique = [...new Set(refs.map(lowerRef))];
    if (unique.length > 0) {
      await tx('firebreak_incident_participants').insert(
        unique.map(entityRef => ({
          incident_id: incidentId,
          kind,
          entity_ref: entityRef,
        })),
      );
    }
  }

  private async insertEvents(
    tx: Knex.Transaction,
    incidentId: string,
    events: NewTimelineEvent[],
  ): Promise<TimelineEvent[]> {
    if (events.length === 0) {
      return [];
    }
    const [{ max }] = await tx('firebreak_timeline_events')
      .where({ incident_id: incidentId })
      .max({ max: 'seq' });
    let seq = Number(max ?? 0);
    const stored = events.map(
      event =>
        ({
          ...event,
          id: randomUUID(),
          incidentId,
          actorRef: lowerRef(event.actorRef),
        } as TimelineEvent),
    );
    await tx('firebreak_timeline_events').insert(
      stored.map(event => ({
        id: event.id,
        incident_id: incidentId,
        type: event.type,
        actor_ref: event.actorRef,
        at: new Date(event.at),
        seq: ++seq,
        data: JSON.stringify(event.data),
      })),
    );
    return stored;
  }
}
