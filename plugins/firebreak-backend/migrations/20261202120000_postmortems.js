// @ts-check

/**
 * Postmortems: one per incident, with their approvals. Sections, reviewers and starred
 * timeline events are JSON text; a due reminder is claimed by setting `due_reminded_at`, so
 * however many replicas look, one sends it.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('firebreak_postmortems', table => {
    table.comment('Postmortems (post-incident reviews), one per incident');
    table.string('id', 36).primary();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('status', 16).notNullable();
    table.boolean('required').notNullable();
    table.string('owner_ref', 255).notNullable().comment('Lower-cased');
    table.string('owner_group_ref', 255).nullable().comment('Lower-cased');
    table.text('reviewer_refs').notNullable().comment('JSON array');
    table.text('sections', 'longtext').notNullable().comment('JSON array');
    table.text('starred_event_ids').notNullable().comment('JSON array');
    table.integer('approvals_required').notNullable();
    table.text('waiver_reason').nullable();
    table.datetime('due_at', { useTz: true, precision: 3 }).nullable();
    table.datetime('due_reminded_at', { useTz: true, precision: 3 }).nullable();
    table.string('created_by', 255).notNullable();
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('published_at', { useTz: true, precision: 3 }).nullable();
    table.integer('version').notNullable();
    table.unique(['incident_id'], {
      indexName: 'firebreak_postmortems_incident_uq',
    });
    table.index(['status', 'due_at'], 'firebreak_postmortems_due_idx');
  });
  await knex.schema.createTable('firebreak_postmortem_approvals', table => {
    table.comment('Approvals of postmortems in review');
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_postmortems')
      .onDelete('CASCADE');
    table.string('approver_ref', 255).notNullable().comment('Lower-cased');
    table.datetime('approved_at', { useTz: true, precision: 3 }).notNullable();
    table.unique(['postmortem_id', 'approver_ref'], {
      indexName: 'firebreak_postmortem_approvals_once_uq',
    });
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_postmortem_approvals');
  await knex.schema.dropTable('firebreak_postmortems');
};
