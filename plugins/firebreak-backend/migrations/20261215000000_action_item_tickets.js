// @ts-check

/**
 * Tickets that a ticket exporter created from an action item: which exporter, the tracker's id
 * of the ticket, the ticket's state when Firebreak last read it and when that was (the sync task
 * reads each ticket at most once per interval), and when a ticket creation started (so that two
 * requests never create two tickets for one item). `ticket_url` already exists.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('firebreak_action_items', table => {
    table
      .string('ticket_exporter_id', 64)
      .nullable()
      .comment('Id of the ticket exporter that created the ticket');
    table
      .string('ticket_external_id', 255)
      .nullable()
      .comment("The exporter's own id of the ticket, such as acme/app#12");
    table
      .string('ticket_state', 16)
      .nullable()
      .comment('open or closed: the ticket state Firebreak last read');
    table
      .datetime('ticket_checked_at', { useTz: true, precision: 3 })
      .nullable()
      .comment('When Firebreak last read the ticket state');
    table
      .datetime('ticket_requested_at', { useTz: true, precision: 3 })
      .nullable()
      .comment('When a ticket creation for the item started; null when none');
    table.index(
      ['ticket_exporter_id', 'ticket_checked_at'],
      'firebreak_action_items_ticket_sync_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('firebreak_action_items', table => {
    table.dropIndex([], 'firebreak_action_items_ticket_sync_idx');
  });
  await knex.schema.alterTable('firebreak_action_items', table => {
    table.dropColumns(
      'ticket_exporter_id',
      'ticket_external_id',
      'ticket_state',
      'ticket_checked_at',
      'ticket_requested_at',
    );
  });
};
