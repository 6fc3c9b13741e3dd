import {
  IncidentStatus,
  IncidentSummary,
  Page,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { toDate } from '../database/timestamps';
import { lowerRef } from '../refs';
import { decodeCursor, encodeCursor } from './cursor';
import { IncidentRow, isoOrUndefined, refNumberOf } from './IncidentRows';

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

/**
 * Lists of incidents: filters, permission filters and keyset pagination, in SQL.
 *
 * @internal
 */
export class IncidentListQuery {
  constructor(private readonly db: Knex) {}

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
  async list(query: ListIncidentsQuery): Promise<Page<IncidentSummary>> {
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
          resolvedAt: isoOrUndefined(row.resolved_at),
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
}
