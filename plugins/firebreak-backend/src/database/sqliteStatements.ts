import { Knex } from 'knex';

/** Statements kept per connection; Firebreak issues a few dozen distinct queries. */
const DEFAULT_SIZE = 200;

interface PreparingConnection {
  prepare(sql: string): unknown;
}

const cachingConnections = new WeakSet<object>();

/**
 * Makes a better-sqlite3 connection reuse the statements it prepared, by SQL text.
 *
 * knex's better-sqlite3 dialect prepares every query's statement anew; for an entity's history
 * that is as much work as running it (see `docs/benchmarks.md`). A statement can be run again
 * with other bindings, and SQLite prepares it again by itself when the schema changed.
 * knex only runs statements to completion (`all` or `run`), so a cached statement is never
 * busy when it is handed out again. The least recently used statements go first.
 *
 * @internal
 */
export function cacheStatements(
  connection: PreparingConnection,
  size = DEFAULT_SIZE,
): void {
  if (cachingConnections.has(connection)) {
    return;
  }
  cachingConnections.add(connection);
  const prepare = connection.prepare.bind(connection);
  const statements = new Map<string, unknown>();
  connection.prepare = (sql: string) => {
    let statement = statements.get(sql);
    if (statement) {
      statements.delete(sql);
    } else {
      statement = prepare(sql);
    }
    statements.set(sql, statement);
    if (statements.size > size) {
      // Maps keep insertion order: the first key is the least recently used.
      statements.delete(statements.keys().next().value!);
    }
    return statement;
  };
}

/**
 * On SQLite (better-sqlite3), has every connection of this knex reuse its prepared statements;
 * other databases are left as they are.
 *
 * @internal
 */
export function cacheSqliteStatements(knex: Knex, size = DEFAULT_SIZE): void {
  const client = knex.client as Knex.Client & {
    pool?: {
      on(
        event: 'acquireSuccess',
        listener: (eventId: number, connection: PreparingConnection) => void,
      ): void;
    };
  };
  if (client.config.client !== 'better-sqlite3' || !client.pool) {
    return;
  }
  client.pool.on('acquireSuccess', (_eventId, connection) =>
    cacheStatements(connection, size),
  );
}
