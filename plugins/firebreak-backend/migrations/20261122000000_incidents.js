// @ts-check

/**
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('firebreak_incidents', table => {
    table.comment('Incidents declared in Firebreak');
    table.string('id', 36).primary().notNullable().comment('Stable UUID');
    table
      .integer('ref_number')
      .notNullable()
      .comment('The <n> of the human reference INC-<n>; never reused');
    table.string('title', 300).notNullable();
    table.string('severity', 32).notNullable();
    table.string('status', 32).notNullable();
    table.datetime('declared_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('updated_at', { useTz: true, precision: 3 }).notNullable();
    table
      .integer('version')
      .notNullable()
      .defaultTo(1)
      .comment('Bumped on every change, for optimistic concurrency');
    table.unique(['ref_number'], 'firebreak_incidents_ref_number_uniq');
  });

  await knex.schema.createTable('firebreak_incident_entities', table => {
    table.comment('Catalog entities impacted by an incident');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('entity_ref', 255).notNullable().comment('Lower-cased');
    table
      .datetime('declared_at', { useTz: true, precision: 3 })
      .notNullable()
      .comment(
        "Copy of the incident's, so an entity's history is one index scan",
      );
    table.primary(
      ['incident_id', 'entity_ref'],
      'firebreak_incident_entities_pk',
    );
    table.index(
      ['entity_ref', 'declared_at', 'incident_id'],
      'firebreak_incident_entities_history_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_incident_entities');
  await knex.schema.dropTable('firebreak_incidents');
};
