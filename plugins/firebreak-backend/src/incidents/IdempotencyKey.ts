import { CustomErrorBase } from '@backstage/errors';
import { createHash } from 'node:crypto';

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
