// @ts-check

/**
 * Limits against abuse: when an incident was last escalated by hand (escalating by hand is
 * limited to once per acknowledgement timeout), and the hash of the request body an
 * Idempotency-Key was first used with (a reused key with another body is refused). Keys stored
 * before this migration have no hash and keep answering with their incident.
 *
 * @param {import('knex').Knex} knex
 */
exports.up = async function up(knex) {
  await knex.schema.alterTable('firebreak_incidents', table => {
    table
      .datetime('manually_escalated_at', { useTz: true, precision: 3 })
      .nullable()
      .comment('When someone last escalated the incident by hand');
  });
  await knex.schema.alterTable('firebreak_idempotency_keys', table => {
    table
      .string('request_hash', 64)
      .nullable()
      .comment(
        'SHA-256 (hex) of the canonical JSON body the key was first used with',
      );
  });
};

/**
 * @param {import('knex').Knex} knex
 */
exports.down = async function down(knex) {
  await knex.schema.alterTable('firebreak_idempotency_keys', table => {
    table.dropColumn('request_hash');
  });
  await knex.schema.alterTable('firebreak_incidents', table => {
    table.dropColumn('manually_escalated_at');
  });
};
