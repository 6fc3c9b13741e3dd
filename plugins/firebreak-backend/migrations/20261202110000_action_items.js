// @ts-check

/**
 * Action items (incident follow-ups) and the reminders sent about them: one reminder row per
 * item and day, so several replicas never remind twice on the same day.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('firebreak_action_items', table => {
    table.comment('Follow-ups of incidents and their postmortems');
    table.string('id', 36).primary();
    table.string('title', 300).notNullable();
    table.text('description').notNullable();
    table.string('type', 16).notNullable();
    table.string('priority', 8).notNullable();
    table.string('status', 16).notNullable();
    table.string('owner_ref', 255).notNullable().comment('Lower-cased');
    table.string('owner_group_ref', 255).comment('Lower-cased');
    table.string('entity_ref', 255).notNullable().comment('Lower-cased');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('incident_ref', 32).notNullable();
    table
      .string('postmortem_id', 36)
      .comment('The postmortem it came from; no foreign key');
    table.datetime('due_at', { useTz: true, precision: 3 });
    table.datetime('completed_at', { useTz: true, precision: 3 });
    table.text('wont_do_reason');
    table.text('ticket_url');
    table.string('creator_ref', 255).notNullable();
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.integer('version').notNullable();
    table.index(['owner_ref', 'status'], 'firebreak_action_items_owner_idx');
    table.index(
      ['owner_group_ref', 'status'],
      'firebreak_action_items_group_idx',
    );
    table.index(['entity_ref', 'status'], 'firebreak_action_items_entity_idx');
    table.index(['incident_id'], 'firebreak_action_items_incident_idx');
    table.index(['status', 'due_at'], 'firebreak_action_items_due_idx');
  });

  await knex.schema.createTable('firebreak_action_item_reminders', table => {
    table.comment('Reminders sent about action items, at most one per day');
    table
      .string('action_item_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_action_items')
      .onDelete('CASCADE');
    table.string('day', 10).notNullable().comment('YYYY-MM-DD in UTC');
    table.datetime('sent_at', { useTz: true, precision: 3 }).notNullable();
    table.primary(
      ['action_item_id', 'day'],
      'firebreak_action_item_reminders_pk',
    );
    table.index(['day'], 'firebreak_action_item_reminders_day_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_action_item_reminders');
  await knex.schema.dropTable('firebreak_action_items');
};
