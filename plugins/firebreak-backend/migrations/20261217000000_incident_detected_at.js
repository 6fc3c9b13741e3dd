// @ts-check

/**
 * When an incident was detected: the moment someone or something first noticed the impact,
 * between the impact's start and the declaring. Null when nobody recorded it, as for every
 * incident declared before this column existed.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('firebreak_incidents', table => {
    table
      .datetime('detected_at', { useTz: true, precision: 3 })
      .nullable()
      .comment('When the impact was first noticed; null when not recorded');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('firebreak_incidents', table => {
    table.dropColumn('detected_at');
  });
};
