// @ts-check

/**
 * On-call: schedules and their overrides, escalation policies, calendar feed tokens, and the
 * paging engine's state — pages (one run of a policy for an incident) and the outbox of
 * notifications they send.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.createTable('firebreak_schedules', table => {
    table.comment('On-call schedules: layers of rotations in a time zone');
    table.string('id', 36).primary().notNullable();
    table.string('name', 200).notNullable();
    table
      .string('owner_ref', 255)
      .notNullable()
      .comment('Owning group, lower-cased');
    table.string('time_zone', 64).notNullable();
    table.text('layers').notNullable().comment('JSON array of layers');
    table.integer('version').notNullable();
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.index(['owner_ref'], 'firebreak_schedules_owner_idx');
  });

  await knex.schema.createTable('firebreak_schedule_overrides', table => {
    table.comment('Someone covering a schedule from start to end');
    table.string('id', 36).primary().notNullable();
    table
      .string('schedule_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_schedules')
      .onDelete('CASCADE');
    table.string('user_ref', 255).notNullable();
    table.datetime('start_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('end_at', { useTz: true, precision: 3 }).notNullable();
    table.string('created_by', 255).notNullable();
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.index(['schedule_id', 'end_at'], 'firebreak_schedule_overrides_idx');
  });

  await knex.schema.createTable('firebreak_escalation_policies', table => {
    table.comment('Who is paged in which order, owned by a group');
    table.string('id', 36).primary().notNullable();
    table.string('name', 200).notNullable();
    table
      .string('name_key', 200)
      .notNullable()
      .comment('Lower-cased name: names are unique, annotations may use them');
    table.string('owner_ref', 255).notNullable();
    table.text('levels').notNullable().comment('JSON array of levels');
    table.integer('repeat').notNullable();
    table.boolean('is_default').notNullable();
    table.integer('version').notNullable();
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.unique(['name_key'], {
      indexName: 'firebreak_escalation_policies_name_uq',
    });
    table.index(
      ['owner_ref', 'is_default'],
      'firebreak_escalation_policies_owner_idx',
    );
  });

  await knex.schema.createTable('firebreak_calendar_tokens', table => {
    table.comment(
      'Unguessable tokens of iCal feeds, per person and per schedule',
    );
    table.string('token', 64).primary().notNullable();
    table.string('kind', 16).notNullable().comment('user or schedule');
    table
      .string('subject', 255)
      .notNullable()
      .comment('User ref or schedule id');
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.unique(['kind', 'subject'], {
      indexName: 'firebreak_calendar_tokens_subject_uq',
    });
  });

  await knex.schema.createTable('firebreak_pages', table => {
    table.comment('A run of an escalation policy for an incident');
    table.string('id', 36).primary().notNullable();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('policy_id', 36).notNullable();
    table.string('policy_name', 200).notNullable();
    table
      .text('policy_snapshot')
      .notNullable()
      .comment('JSON { levels, repeat } as the page started');
    table.string('status', 16).notNullable();
    table.integer('level').notNullable().comment('1-based, last level paged');
    table.integer('round').notNullable().comment('1-based run of the policy');
    table.datetime('next_escalation_at', { useTz: true, precision: 3 });
    table.string('acknowledged_by', 255);
    table.datetime('acknowledged_at', { useTz: true, precision: 3 });
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('updated_at', { useTz: true, precision: 3 }).notNullable();
    table.index(['status', 'next_escalation_at'], 'firebreak_pages_due_idx');
    table.index(['incident_id'], 'firebreak_pages_incident_idx');
  });

  await knex.schema.createTable('firebreak_page_notifications', table => {
    table.comment(
      'Outbox of page notifications: written with the page change, delivered once',
    );
    table.string('id', 36).primary().notNullable();
    table
      .string('page_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_pages')
      .onDelete('CASCADE');
    table.string('incident_id', 36).notNullable();
    table.integer('round').notNullable();
    table.integer('level').notNullable();
    table.string('user_ref', 255).notNullable();
    table.string('status', 16).notNullable().comment('pending or sent');
    table
      .datetime('claimed_until', { useTz: true, precision: 3 })
      .comment('A replica delivering it holds it until then');
    table.string('claimed_by', 64);
    table.integer('attempts').notNullable().defaultTo(0);
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.datetime('sent_at', { useTz: true, precision: 3 });
    table.unique(['page_id', 'round', 'level', 'user_ref'], {
      indexName: 'firebreak_page_notifications_once_uq',
    });
    table.index(
      ['status', 'created_at'],
      'firebreak_page_notifications_due_idx',
    );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_page_notifications');
  await knex.schema.dropTable('firebreak_pages');
  await knex.schema.dropTable('firebreak_calendar_tokens');
  await knex.schema.dropTable('firebreak_escalation_policies');
  await knex.schema.dropTable('firebreak_schedule_overrides');
  await knex.schema.dropTable('firebreak_schedules');
};
