// @ts-check

/**
 * The incidents a postmortem covers. `firebreak_postmortems.incident_id` stays the primary
 * incident (its durations are the postmortem's); this table lists every covered incident, the
 * primary one included, so that one unique index keeps an incident under at most one
 * postmortem whichever way it got there (started for it, or attached to another).
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('firebreak_postmortem_incidents', table => {
    table.comment(
      'Incidents covered by a postmortem, its primary one included',
    );
    table
      .string('postmortem_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_postmortems')
      .onDelete('CASCADE');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('added_by', 255).notNullable();
    table.datetime('added_at', { useTz: true, precision: 3 }).notNullable();
    table.unique(['incident_id'], {
      indexName: 'firebreak_postmortem_incidents_once_uq',
    });
    table.index(['postmortem_id'], 'firebreak_postmortem_incidents_pm_idx');
  });
  // Every existing postmortem covers its own incident.
  const existing = await knex('firebreak_postmortems').select(
    'id',
    'incident_id',
    'created_by',
    'created_at',
  );
  await knex.batchInsert(
    'firebreak_postmortem_incidents',
    existing.map(row => ({
      postmortem_id: row.id,
      incident_id: row.incident_id,
      added_by: row.created_by,
      added_at: row.created_at,
    })),
    200,
  );
};

/**
 * Attached incidents are forgotten; each postmortem keeps its primary incident.
 *
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_postmortem_incidents');
};
