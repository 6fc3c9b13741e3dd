import { CustomErrorBase } from '@backstage/errors';
import { Knex } from 'knex';
import { createHash } from 'node:crypto';
import { toDate } from '../database/timestamps';
import { lowerRef } from '../refs';

/** JSON with object keys sorted at every depth, so equal bodies give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      // Code-unit order, the same on every machine (localeCompare is not).
      .sort(([a], [b]) => Number(a > b) - Number(a < b));
    return `{${entries
      .map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The SHA-256 (hex) of a request body's canonical JSON: stored with an Idempotency-Key, so a
 * reuse of the key can be told apart from a retry of the same request.
 *
 * @internal
 */
export function hashRequestBody(body: unknown): string {
  return createHash('sha256').update(canonicalJson(body)).digest('hex');
}

/**
 * An Idempotency-Key reused with a different request body: answered with 422, never with the
 * first request's result.
 *
 * @internal
 */
export class IdempotencyKeyReusedError extends CustomErrorBase {
  name = 'IdempotencyKeyReusedError' as const;
  /** The HTTP status Backstage's error handler answers with. */
  readonly statusCode = 422;

  constructor() {
    super(
      'Idempotency-Key: was already used with a different request body; use a new key for a new request',
    );
  }
}

/** How long a declare's key answers with its incident. */
const KEY_LIFETIME_MS = 24 * 3_600_000;

/**
 * A stored key's request must be the one retried; keys stored before request hashes were kept
 * (no hash) still answer with their incident.
 *
 * @internal
 */
export function assertSameRequest(
  storedHash: string | null | undefined,
  requestHash: string | undefined,
) {
  if (storedHash && requestHash && storedHash !== requestHash) {
    throw new IdempotencyKeyReusedError();
  }
}

/**
 * Returns the incident an earlier declare with this key created, or records the key for the
 * incident being created now. Keys are the actor's own: another actor's equal key is another.
 *
 * @internal
 */
export async function claimIdempotencyKey(
  tx: Knex.Transaction,
  actorRef: string,
  idempotency: { key: string; requestHash?: string },
  incidentId: string,
  now: Date,
): Promise<string | undefined> {
  const where = {
    actor_ref: lowerRef(actorRef),
    idempotency_key: idempotency.key,
  };
  const existing = await tx('firebreak_idempotency_keys')
    .where(where)
    .forUpdate()
    .first();
  if (existing) {
    const age = now.getTime() - toDate(existing.created_at).getTime();
    if (age < KEY_LIFETIME_MS) {
      assertSameRequest(existing.request_hash, idempotency.requestHash);
      return existing.incident_id;
    }
    await tx('firebreak_idempotency_keys').where(where).delete();
  }
  await tx('firebreak_idempotency_keys').insert({
    ...where,
    request_hash: idempotency.requestHash ?? null,
    incident_id: incidentId,
    created_at: now,
  });
  return undefined;
}

/**
 * The incident a concurrent declare with the same key stored, once it has committed.
 *
 * @internal
 */
export async function findClaimedIdempotencyKey(
  db: Knex,
  actorRef: string,
  key: string,
): Promise<{ incidentId: string; requestHash?: string } | undefined> {
  const row = await db('firebreak_idempotency_keys')
    .where({ actor_ref: lowerRef(actorRef), idempotency_key: key })
    .first('incident_id', 'request_hash');
  return row
    ? {
        incidentId: row.incident_id,
        requestHash: row.request_hash ?? undefined,
      }
    : undefined;
}
