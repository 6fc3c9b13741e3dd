// @ts-check

/**
 * Indexes for the participant permission rule, which filters incident lists to those whose
 * reporter, role holders or responders include one of a person's claims.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('firebreak_incidents', table => {
    table.index(['reporter_ref'], 'firebreak_incidents_reporter_idx');
  });
  await knex.schema.alterTable('firebreak_incident_roles', table => {
    table.index(['user_ref'], 'firebreak_incident_roles_user_idx');
  });
  await knex.schema.alterTable('firebreak_incident_participants', table => {
    table.index(
      ['entity_ref', 'kind'],
      'firebreak_incident_participants_ref_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('firebreak_incident_participants', table => {
    table.dropIndex([], 'firebreak_incident_participants_ref_idx');
  });
  await knex.schema.alterTable('firebreak_incident_roles', table => {
    table.dropIndex([], 'firebreak_incident_roles_user_idx');
  });
  await knex.schema.alterTable('firebreak_incidents', table => {
    table.dropIndex([], 'firebreak_incidents_reporter_idx');
  });
};
