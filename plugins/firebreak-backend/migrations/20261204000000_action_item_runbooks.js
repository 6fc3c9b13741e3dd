// @ts-check

/**
 * Action items that ask for a stored runbook to be updated point at it ("Update this runbook"
 * on an incident's runbook card). No foreign key, as for postmortems: the item outlives any
 * change to the runbook, and the service checks the runbook exists when the item names it.
 *
 * From here on the reminder rows' `day` is the owner's local day (their time zone), not UTC.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('firebreak_action_items', table => {
    table
      .string('runbook_id', 36)
      .nullable()
      .comment('The stored runbook this item updates; no foreign key');
    table.index(['runbook_id'], 'firebreak_action_items_runbook_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('firebreak_action_items', table => {
    table.dropIndex([], 'firebreak_action_items_runbook_idx');
    table.dropColumn('runbook_id');
  });
};
