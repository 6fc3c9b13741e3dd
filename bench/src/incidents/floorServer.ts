/*
 * The floor: a bare express route on the same database, running the same indexed keyset
 * query the Firebreak store issues for one entity's history (and the same second query for
 * the page's impacted entities), with no Backstage, auth, permissions or validation around
 * it. Started as a child process by the bench; prints nothing, answers on the given port.
 */
import express from 'express';
import { BenchConnection } from '../common/database';
import { readChildOptions, reportReady } from '../common/children';
import { openHistoryQuery } from './historyQuery';

function iso(value: Date | number | null) {
  return value === null ? undefined : new Date(value).toISOString();
}

async function main() {
  const { port, connection } = readChildOptions<{
    connection: BenchConnection;
  }>();
  // The same pool size knex gives a Backstage plugin.
  const history = openHistoryQuery(connection, 10);

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
      const rows = await history.run(
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
