import Database from 'better-sqlite3';
import { Pool } from 'pg';
import { BenchConnection } from '../common/database';

const PAGE_COLUMNS =
  'i.id, i.ref_number, i.title, i.severity, i.priority, i.status, i.declared_at, i.resolved_at';

/**
 * The store's query for one entity's history: the page (plus one row, to know whether there
 * is a next) from the history index (entity_ref, declared_at, incident_id), newest first,
 * joined to the impacted entities of its incidents; the cursor variant starts the index
 * range at the cursor.
 *
 * @internal
 */
export function historySql(
  withCursor: boolean,
  placeholder: (n: number) => string,
) {
  const page = [
    `SELECT ${PAGE_COLUMNS} FROM firebreak_incident_entities AS e`,
    'INNER JOIN firebreak_incidents AS i ON i.id = e.incident_id',
    `WHERE e.entity_ref = ${placeholder(1)}`,
    withCursor
      ? `AND e.declared_at <= ${placeholder(
          2,
        )} AND (e.declared_at < ${placeholder(
          3,
        )} OR e.incident_id < ${placeholder(4)})`
      : '',
    'ORDER BY e.declared_at DESC, e.incident_id DESC',
    `LIMIT ${placeholder(withCursor ? 5 : 2)}`,
  ].join(' ');
  return [
    `SELECT p.*, pe.entity_ref AS impacted_ref FROM (${page}) AS p`,
    'LEFT JOIN firebreak_incident_entities AS pe ON pe.incident_id = p.id',
    'ORDER BY p.declared_at DESC, p.id DESC, pe.entity_ref ASC',
  ].join(' ');
}

/**
 * A row of the history query: an incident of the page, once per impacted entity.
 *
 * @internal
 */
export interface HistoryRow {
  id: string;
  ref_number: number;
  title: string;
  severity: string;
  priority: string;
  status: string;
  declared_at: Date | number;
  resolved_at: Date | number | null;
  impacted_ref: string | null;
}

/**
 * Runs the history query with the plain driver: no knex, no Backstage.
 *
 * @internal
 */
export interface HistoryQuery {
  run(
    entityRef: string,
    limit: number,
    cursor?: { declaredAt: Date; id: string },
  ): Promise<HistoryRow[]>;
  close(): Promise<void>;
}

function openPg(connectionString: string, poolSize: number): HistoryQuery {
  const pool = new Pool({ connectionString, max: poolSize });
  const $ = (n: number) => `$${n}`;
  const first = historySql(false, $);
  const next = historySql(true, $);
  return {
    async run(entityRef, limit, cursor) {
      const { rows } = cursor
        ? await pool.query(next, [
            entityRef,
            cursor.declaredAt,
            cursor.declaredAt,
            cursor.id,
            limit,
          ])
        : await pool.query(first, [entityRef, limit]);
      return rows;
    },
    close: () => pool.end(),
  };
}

function openSqlite(filename: string): HistoryQuery {
  const db = new Database(filename, { readonly: true });
  const first = db.prepare(historySql(false, () => '?'));
  const next = db.prepare(historySql(true, () => '?'));
  return {
    async run(entityRef, limit, cursor) {
      if (cursor) {
        // Stored as milliseconds, as knex's better-sqlite3 dialect binds a Date.
        const at = cursor.declaredAt.getTime();
        return next.all(entityRef, at, at, cursor.id, limit) as HistoryRow[];
      }
      return first.all(entityRef, limit) as HistoryRow[];
    },
    async close() {
      db.close();
    },
  };
}

/**
 * Opens the history query on the bench database; `poolSize` connections on PostgreSQL.
 *
 * @internal
 */
export function openHistoryQuery(
  connection: BenchConnection,
  poolSize: number,
): HistoryQuery {
  return connection.dialect === 'pg'
    ? openPg(connection.connectionString, poolSize)
    : openSqlite(connection.filename);
}
