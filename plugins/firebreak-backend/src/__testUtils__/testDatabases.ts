import { TestDatabases } from '@backstage/backend-test-utils';

/**
 * The databases a test file runs on: SQLite always, PostgreSQL and MySQL when their connection
 * strings are set. Each file creates its own, at the top; TestDatabases drops them all in one
 * 60 s hook after the file, so a file should not start too many.
 */
export function testDatabases() {
  return TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'] });
}
