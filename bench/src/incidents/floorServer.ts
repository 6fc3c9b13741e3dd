/*
 * The floor: a bare express route on the same database, running the same indexed keyset
 * query the Firebreak store issues for one entity's history (and the same second query for
 * the page's impacted entities), with no Backstage, auth, permissions or validation around
 * it. Started as a child process by the bench; prints nothing, answers on the given port.
 */
import Database from 'better-sqlite3';
import express from 'express';
import { Pool } from 'pg';
import { BenchConnection } from './benchDatabase';
import { readChildOptions, reportReady } from './children';

const PAGE_COLUMNS =
  'i.id, i.ref_number, i.title, i.severity, i.priority, i.status, i.declared_at, i.resolved_at';

/**
 * The store's query for one entity's history: the page (plus one row, to know whether there
 * is a next) from the history index (entity_ref, declared_at, incident_id), newest first,
 * joined to the impacted entities of its incidents; the cursor variant starts the index
 * range at the cursor.
 */
function historySql(withCursor: boolean, placeholder: (n: number) => string) {
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

interface HistoryRow {
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

type HistoryQuery = (
  entityRef: string,
  limit: number,
  cursor?: { declaredAt: Date; id: string },
) => Promise<HistoryRow[]>;

function openPg(connectionString: string): HistoryQuery {
  // The same pool size knex gives a Backstage plugin.
  const pool = new Pool({ connectionString, max: 10 });
  const $ = (n: number) => `$${n}`;
  const first = historySql(false, $);
  const next = historySql(true, $);
  return async (entityRef, limit, cursor) => {
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
  };
}

function openSqlite(filename: string): HistoryQuery {
  const db = new Database(filename, { readonly: true });
  const first = db.prepare(historySql(false, () => '?'));
  const next = db.prepare(historySql(true, () => '?'));
  return async (entityRef, limit, cursor) => {
    if (cursor) {
      // Stored as milliseconds, as knex's better-sqlite3 dialect binds a Date.
      const at = cursor.declaredAt.getTime();
      return next.all(entityRef, at, at, cursor.id, limit) as HistoryRow[];
    }
    return first.all(entityRef, limit) as HistoryRow[];
  };
}

function iso(value: Date | number | null) {
  return value === null ? undefined : new Date(value).toISOString();
}

async function main() {
  const { port, connection } = readChildOptions<{
    connection: BenchConnection;
  }>();
  const history =
    connection.dialect === 'pg'
      ? openPg(connection.connectionString)
      : openSqlite(connection.filename);

  const app = express();
  app.get('/incidents', async (req, res, next) => {
    try {
      const entityRef = String(req.query.entityRef).toLocaleLowerCase('en-US');
      const limit = Number(req.query.limit ?? 25);
      const cursor = req.query.cursor
        ? JSON.parse(
            Buffer.from(String(req.query.cursor), 'base64url').toString('utf8'),
          )
        : undefined;
      const rows = await history(
        entityRef,
        limit + 1,
        cursor && { declaredAt: new Date(cursor.declaredAt), id: cursor.id },
      );
      const incidents: {
        id: string;
        entityRefs: string[];
        declaredAt: string;
        [key: string]: unknown;
      }[] = [];
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
            declaredAt: new Date(row.declared_at).toISOString(),
            resolvedAt: iso(row.resolved_at),
          };
          incidents.push(incident);
        }
        if (row.impacted_ref !== null) {
          incident.entityRefs.push(row.impacted_ref);
        }
      }
      const items = incidents.slice(0, limit);
      const last = items[items.length - 1];
      res.json({
        items,
        nextCursor:
          incidents.length > limit && last
            ? Buffer.from(
                JSON.stringify({ declaredAt: last.declaredAt, id: last.id }),
              ).toString('base64url')
            : undefined,
      });
    } catch (error) {
      next(error);
    }
  });

  const server = app.listen(port, '127.0.0.1', () => reportReady(port));
  process.on('SIGTERM', () => server.close(() => process.exit(0)));
}

main().catch(error => {
  // eslint-disable-next-line no-console
  console.error(error);
  process.exit(1);
});
