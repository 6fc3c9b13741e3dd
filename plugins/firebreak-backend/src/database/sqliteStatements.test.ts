import { TestDatabases } from '@backstage/backend-test-utils';
import Database from 'better-sqlite3';
import { cacheSqliteStatements, cacheStatements } from './sqliteStatements';

describe('cacheStatements', () => {
  function countingConnection() {
    const db = new Database(':memory:');
    const prepared: string[] = [];
    const prepare = db.prepare.bind(db);
    db.prepare = ((sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    }) as typeof db.prepare;
    return { db, prepared };
  }

  it('prepares each SQL text once and runs it with any bindings', () => {
    const { db, prepared } = countingConnection();
    cacheStatements(db);
    cacheStatements(db); // a second call changes nothing
    db.prepare('CREATE TABLE t (id INTEGER, name TEXT)').run();
    const insert = 'INSERT INTO t (id, name) VALUES (?, ?)';
    db.prepare(insert).run(1, 'one');
    db.prepare(insert).run(2, 'two');
    const select = 'SELECT name FROM t WHERE id = ?';
    expect(db.prepare(select).get(1)).toEqual({ name: 'one' });
    expect(db.prepare(select).get(2)).toEqual({ name: 'two' });
    expect(prepared).toEqual([
      'CREATE TABLE t (id INTEGER, name TEXT)',
      insert,
      select,
    ]);
  });

  it('sees schema changes made after a statement was cached', () => {
    const { db } = countingConnection();
    cacheStatements(db);
    db.prepare('CREATE TABLE t (id INTEGER)').run();
    db.prepare('INSERT INTO t (id) VALUES (1)').run();
    expect(db.prepare('SELECT * FROM t').all()).toEqual([{ id: 1 }]);
    db.prepare('ALTER TABLE t ADD COLUMN name TEXT').run();
    db.prepare("UPDATE t SET name = 'one'").run();
    expect(db.prepare('SELECT * FROM t').all()).toEqual([
      { id: 1, name: 'one' },
    ]);
  });

  it('keeps only the most recently used statements', () => {
    const { db, prepared } = countingConnection();
    cacheStatements(db, 2);
    db.prepare('SELECT 1').get();
    db.prepare('SELECT 2').get();
    db.prepare('SELECT 1').get(); // now the most recent
    db.prepare('SELECT 3').get(); // evicts SELECT 2
    db.prepare('SELECT 1').get();
    db.prepare('SELECT 2').get();
    expect(prepared).toEqual(['SELECT 1', 'SELECT 2', 'SELECT 3', 'SELECT 2']);
  });
});

describe('cacheSqliteStatements', () => {
  const databases = TestDatabases.create({
    ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
  });

  it.each(databases.eachSupportedId())(
    'runs knex queries as before on %s',
    async id => {
      const knex = await databases.init(id);
      cacheSqliteStatements(knex);
      await knex.schema.createTable('cache_probe', table => {
        table.integer('id').primary();
        table.string('name');
      });
      await knex('cache_probe').insert([
        { id: 1, name: 'one' },
        { id: 2, name: 'two' },
      ]);
      for (const [id2, name] of [
        [1, 'one'],
        [2, 'two'],
        [1, 'one'],
      ] as const) {
        expect(
          await knex('cache_probe').where({ id: id2 }).first('name'),
        ).toEqual({ name });
      }
      await knex.schema.dropTable('cache_probe');
    },
  );

  it('reuses statements on SQLite', async () => {
    const knex = await databases.init('SQLITE_3');
    // Beneath the cache: count what SQLite is really asked to prepare.
    const connection = await knex.client.acquireConnection();
    const prepared: string[] = [];
    const prepare = connection.prepare.bind(connection);
    connection.prepare = (sql: string) => {
      prepared.push(sql);
      return prepare(sql);
    };
    await knex.client.releaseConnection(connection);

    cacheSqliteStatements(knex);
    for (let i = 0; i < 3; i++) {
      expect(await knex.raw('SELECT ? AS n', [i])).toEqual([{ n: i }]);
    }
    expect(prepared).toEqual(['SELECT ? AS n']);
  });
});
