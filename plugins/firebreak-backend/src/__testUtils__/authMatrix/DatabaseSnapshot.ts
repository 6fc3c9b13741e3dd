import { Knex } from 'knex';

/** Every row of every Firebreak table, in a stable order, to compare before and after. */
export type DatabaseSnapshot = Record<string, string[]>;

async function firebreakTables(knex: Knex): Promise<string[]> {
  const client = String(knex.client.config.client);
  let names: string[];
  if (client.includes('sqlite')) {
    const rows = await knex('sqlite_master')
      .where({ type: 'table' })
      .select('name');
    names = rows.map(row => row.name);
  } else {
    // PostgreSQL answers in the current schema, MySQL in the current database.
    const schema = client.includes('mysql')
      ? knex.raw('database()')
      : knex.raw('current_schema()');
    const rows = await knex('information_schema.tables')
      .where('table_schema', schema)
      .select('table_name as name');
    names = rows.map(row => row.name);
  }
  // Found rather than listed, so tables added later are watched too.
  return names
    .filter(name => name.startsWith('firebreak_'))
    .filter(name => !name.includes('knex_migrations'))
    .sort();
}

/**
 * Reads every Firebreak table whole. A refused request must leave this unchanged: no new
 * incident or timeline event, no bumped `version`, nothing half-written.
 */
export async function snapshotDatabase(knex: Knex): Promise<DatabaseSnapshot> {
  const snapshot: DatabaseSnapshot = {};
  for (const table of await firebreakTables(knex)) {
    const rows = await knex(table).select();
    snapshot[table] = rows.map(row => JSON.stringify(row)).sort();
  }
  return snapshot;
}
