// @ts-check

/**
 * Handoff reminders: one row per reminder sent, so that each (schedule, person, shift start) is
 * reminded once however many replicas look for shifts about to start.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('firebreak_handoff_reminders', table => {
    table.comment(
      'Reminders sent before on-call shifts start, one per schedule, person and shift start',
    );
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_schedules')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable().comment('Lower-cased');
    table.datetime('shift_start', { useTz: true, precision: 3 }).notNullable();
    table.datetime('sent_at', { useTz: true, precision: 3 }).notNullable();
    table.unique(['schedule_id', 'user_ref', 'shift_start'], {
      indexName: 'firebreak_handoff_reminders_once_uq',
    });
    table.index(['shift_start'], 'firebreak_handoff_reminders_start_idx');
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_handoff_reminders');
};
