import { InputError } from '@backstage/errors';
import {
  IncidentStatus,
  IncidentSummary,
  Page,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { toDate } from '../database/timestamps';

/** @internal */
export interface NewIncident {
  title: string;
  severity: string;
  status: IncidentStatus;
  entityRefs: string[];
  declaredAt: Date;
}

/** @internal */
export interface ListIncidentsQuery {
  entityRef?: string;
  limit: number;
  cursor?: string;
}

interface IncidentRow {
  id: string;
  ref_number: number;
  title: string;
  severity: string;
  status: IncidentStatus;
  declared_at: Date | string | number;
}

interface Cursor {
  declaredAt: string;
  id: string;
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

function decodeCursor(value: string): Cursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      typeof parsed?.declaredAt === 'string' &&
      typeof parsed?.id === 'string' &&
      !Number.isNaN(Date.parse(parsed.declaredAt))
    ) {
      return parsed;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor is not a cursor returned by this API');
}

/**
 * Reads and writes incidents in the Firebreak tables.
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

  async insertIncident(incident: NewIncident): Promise<IncidentSummary> {
    const id = randomUUID();
    const entityRefs = [
      ...new Set(
        incident.entityRefs.map(ref => ref.toLocaleLowerCase('en-US')),
      ),
    ];
    const refNumber = await this.db.transaction(async tx => {
      const [{ max }] = await tx('firebreak_incidents').max({
        max: 'ref_number',
      });
      const next = Number(max ?? 0) + 1;
      await tx('firebreak_incidents').insert({
        id,
        ref_number: next,
        title: incident.title,
        severity: incident.severity,
        status: incident.status,
        declared_at: incident.declaredAt,
        updated_at: incident.declaredAt,
      });
      await tx('firebreak_incident_entities').insert(
        entityRefs.map(entityRef => ({
          incident_id: id,
          entity_ref: entityRef,
          declared_at: incident.declaredAt,
        })),
      );
      return next;
    });
    return {
      id,
      ref: `INC-${refNumber}`,
      title: incident.title,
      severity: incident.severity,
      status: incident.status,
      entityRefs,
      declaredAt: incident.declaredAt.toISOString(),
    };
  }

  /** Newest first, keyset-paginated on (declared_at, id). */
  async listIncidents(
    query: ListIncidentsQuery,
  ): Promise<Page<IncidentSummary>> {
    const cursor = query.cursor ? decodeCursor(query.cursor) : undefined;

    const rows: IncidentRow[] = await this.db('firebreak_incidents as i')
      .modify(qb => {
        if (query.entityRef) {
          qb.whereIn(
            'i.id',
            this.db('firebreak_incident_entities')
              .select('incident_id')
              .where('entity_ref', query.entityRef.toLocaleLowerCase('en-US')),
          );
        }
        if (cursor) {
          const declaredAt = new Date(cursor.declaredAt);
          qb.where(inner =>
            inner
              .where('i.declared_at', '<', declaredAt)
              .orWhere(same =>
                same
                  .where('i.declared_at', '=', declaredAt)
                  .andWhere('i.id', '<', cursor.id),
              ),
          );
        }
      })
      .select(
        'i.id',
        'i.ref_number',
        'i.title',
        'i.severity',
        'i.status',
        'i.declared_at',
      )
      .orderBy([
        { column: 'i.declared_at', order: 'desc' },
        { column: 'i.id', order: 'desc' },
      ])
      .limit(query.limit + 1);

    const pageRows = rows.slice(0, query.limit);
    const entityRows: { incident_id: string; entity_ref: string }[] =
      pageRows.length === 0
        ? []
        : await this.db('firebreak_incident_entities')
            .whereIn(
              'incident_id',
              pageRows.map(r => r.id),
            )
            .select('incident_id', 'entity_ref')
            .orderBy('entity_ref');

    const items = pageRows.map(row => ({
      id: row.id,
      ref: `INC-${row.ref_number}`,
      title: row.title,
      severity: row.severity,
      status: row.status,
      entityRefs: entityRows
        .filter(e => e.incident_id === row.id)
        .map(e => e.entity_ref),
      declaredAt: toDate(row.declared_at).toISOString(),
    }));

    const last = items[items.length - 1];
    return {
      items,
      nextCursor:
        rows.length > query.limit && last
          ? encodeCursor({ declaredAt: last.declaredAt, id: last.id })
          : undefined,
    };
  }
}
