// @ts-check

/**
 * The incident core: details, roles, responders and subscribers, the timeline, the counter that
 * hands out INC-<n> references, and idempotency keys for declares.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('firebreak_incidents', table => {
    table.text('summary');
    table.string('priority', 16).notNullable().defaultTo('P3');
    table.string('impact', 32).notNullable().defaultTo('medium');
    table.string('urgency', 32).notNullable().defaultTo('medium');
    table.string('source', 16).notNullable().defaultTo('portal');
    table.string('reporter_ref', 255).notNullable().defaultTo('');
    table.text('links').comment('JSON array of { title, url, type }');
    table.datetime('started_at', { useTz: true, precision: 3 });
    table.datetime('acknowledged_at', { useTz: true, precision: 3 });
    table.datetime('mitigated_at', { useTz: true, precision: 3 });
    table.datetime('resolved_at', { useTz: true, precision: 3 });
    table.datetime('closed_at', { useTz: true, precision: 3 });
    table.index(['declared_at', 'id'], 'firebreak_incidents_declared_idx');
    table.index(
      ['status', 'declared_at', 'id'],
      'firebreak_incidents_status_declared_idx',
    );
  });

  await knex.schema.alterTable('firebreak_incident_entities', table => {
    table
      .string('owner_ref', 255)
      .comment(
        "The entity's owner when the incident was declared, lower-cased",
      );
    table.index(['owner_ref'], 'firebreak_incident_entities_owner_idx');
  });

  await knex.schema.createTable('firebreak_incident_roles', table => {
    table.comment('Who holds which response role in an incident');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('role', 64).notNullable();
    table.string('user_ref', 255).notNullable();
    table.primary(['incident_id', 'role'], 'firebreak_incident_roles_pk');
  });

  await knex.schema.createTable('firebreak_incident_participants', table => {
    table.comment('Responders and subscribers of an incident: users or groups');
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('kind', 16).notNullable().comment('responder or subscriber');
    table.string('entity_ref', 255).notNullable();
    table.primary(
      ['incident_id', 'kind', 'entity_ref'],
      'firebreak_incident_participants_pk',
    );
  });

  await knex.schema.createTable('firebreak_timeline_events', table => {
    table.comment('Immutable events of an incident: what happened, who, when');
    table.string('id', 36).primary().notNullable();
    table
      .string('incident_id', 36)
      .notNullable()
      .references('id')
      .inTable('firebreak_incidents')
      .onDelete('CASCADE');
    table.string('type', 32).notNullable();
    table.string('actor_ref', 255).notNullable();
    table.datetime('at', { useTz: true, precision: 3 }).notNullable();
    table.bigInteger('seq').notNullable().comment('Order within the incident');
    table.text('data').notNullable().comment('JSON, shaped by type');
    table.unique(['incident_id', 'seq'], 'firebreak_timeline_events_seq_uniq');
  });

  await knex.schema.createTable('firebreak_counters', table => {
    table.comment('Monotonic counters, such as the <n> of INC-<n>');
    table.string('name', 64).primary().notNullable();
    table.bigInteger('value').notNullable();
  });
  const [{ max }] = await knex('firebreak_incidents').max({
    max: 'ref_number',
  });
  await knex('firebreak_counters').insert({
    name: 'incident_ref',
    value: Number(max ?? 0),
  });

  await knex.schema.createTable('firebreak_idempotency_keys', table => {
    table.comment('Idempotency-Key headers of declares, kept for 24 hours');
    table.string('actor_ref', 255).notNullable();
    table.string('idempotency_key', 255).notNullable();
    table.string('incident_id', 36).notNullable();
    table.datetime('created_at', { useTz: true, precision: 3 }).notNullable();
    table.primary(
      ['actor_ref', 'idempotency_key'],
      'firebreak_idempotency_keys_pk',
    );
  });

  // Incidents declared before this migration get their declaring time as start.
  await knex('firebreak_incidents').update({
    started_at: knex.ref('declared_at'),
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.dropTable('firebreak_idempotency_keys');
  await knex.schema.dropTable('firebreak_counters');
  await knex.schema.dropTable('firebreak_timeline_events');
  await knex.schema.dropTable('firebreak_incident_participants');
  await knex.schema.dropTable('firebreak_incident_roles');
  await knex.schema.alterTable('firebreak_incident_entities', table => {
    table.dropIndex([], 'firebreak_incident_entities_owner_idx');
    table.dropColumn('owner_ref');
  });
  await knex.schema.alterTable('firebreak_incidents', table => {
    table.dropIndex([], 'firebreak_incidents_declared_idx');
    table.dropIndex([], 'firebreak_incidents_status_declared_idx');
    for (const column of [
      'summary',
      'priority',
      'impact',
      'urgency',
      'source',
      'reporter_ref',
      'links',
      'started_at',
      'acknowledged_at',
      'mitigated_at',
      'resolved_at',
      'closed_at',
    ]) {
      table.dropColumn(column);
    }
  });
};
