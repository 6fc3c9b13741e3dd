// @ts-check

/**
 * Stored runbooks: the runbook with its current version, every version ever saved (immutable),
 * and the entities the current version is attached to, for an entity's list.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('firebreak_runbooks', table => {
    table.comment('Runbooks stored in Firebreak; the current version of each');
    table.string('id', 36).primary().notNullable();
    table
      .string('owner_ref', 255)
      .notNullable()
      .comment('Owning group, lower-cased');
    table.integer('version').notNullable().comment('The current version');
    table
      .integer('next_step_number')
      .notNullable()
      .comment('Numbers new step ids, so a removed step id is never reused');
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.index(['owner_ref'], 'firebreak_runbooks_owner_idx');
  });

  await knex.schema.createTable('firebreak_runbook_versions', table => {
    table.comment('Every saved version of a runbook; never changed');
    table
      .string('runbook_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_runbooks')
      .onDelete('CASCADE');
    table.integer('version').notNullable();
    table.string('title', 200).notNullable();
    table.text('body', 'mediumtext').notNullable().comment('Markdown');
    table
      .text('steps', 'mediumtext')
      .notNullable()
      .comment('JSON array of steps: id, title, body, url');
    table.string('owner_ref', 255).notNullable();
    table.text('entity_refs').notNullable().comment('JSON array, lower-cased');
    table
      .text('severities')
      .notNullable()
      .comment('JSON array; empty for every severity');
    table.string('created_by', 255).notNullable();
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.primary(['runbook_id', 'version'], 'firebreak_runbook_versions_pk');
  });

  await knex.schema.createTable('firebreak_runbook_entities', table => {
    table.comment(
      'The entities the current version of a runbook is attached to',
    );
    table
      .string('runbook_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_runbooks')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable().comment('Lower-cased');
    table.primary(
      ['runbook_id', 'entity_ref'],
      'firebreak_runbook_entities_pk',
    );
    table.index(['entity_ref'], 'firebreak_runbook_entities_ref_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_runbook_entities');
  await knex.schema.dropTable('firebreak_runbook_versions');
  await knex.schema.dropTable('firebreak_runbooks');
};
