import { Knex } from 'knex';

/** What mysql2 (and mysql) keep of a connection's options: `timezone` is read on every query. */
interface MysqlConnection {
  config?: { timezone?: string };
}

const utcClients = new WeakSet<object>();

/**
 * On MySQL, has every connection of this knex read and write DATETIME columns as UTC; other
 * databases are left as they are.
 *
 * mysql2 turns a Date into DATETIME text, and DATETIME text back into a Date, in its
 * connection's `timezone`, which is the process's local zone unless the configuration says
 * otherwise. In a zone with daylight saving time, the repeated hour when clocks go back then
 * reads back an hour off, and replicas in different zones disagree. Setting the option on each
 * connection as the pool hands it out covers connections made before Firebreak started, and
 * whatever the configuration says; mysql2 reads it per query (its row parsers are cached by it).
 *
 * @internal
 */
export function useUtcOnMysql(knex: Knex): void {
  const client = knex.client as Knex.Client & {
    connectionSettings?: { timezone?: string };
    pool?: {
      on(
        event: 'acquireSuccess',
        listener: (eventId: number, connection: MysqlConnection) => void,
      ): void;
    };
  };
  if (!String(client.config.client).includes('mysql') || !client.pool) {
    return;
  }
  if (utcClients.has(client)) {
    return;
  }
  utcClients.add(client);
  // New connections start in UTC; the hook below also covers ones made before now.
  if (
    client.connectionSettings &&
    typeof client.connectionSettings === 'object'
  ) {
    client.connectionSettings.timezone = 'Z';
  }
  client.pool.on('acquireSuccess', (_eventId, connection) => {
    if (connection.config) {
      connection.config.timezone = 'Z';
    }
  });
}
