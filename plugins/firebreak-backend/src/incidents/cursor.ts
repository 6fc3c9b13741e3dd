import { InputError } from '@backstage/errors';
import { parseInstant } from '../schema/instant';

/**
 * Position after the last item of a page, newest-first on (declared_at, id).
 *
 * @internal
 */
export interface IncidentCursor {
  declaredAt: string;
  id: string;
}

/** @internal */
export function encodeCursor(cursor: IncidentCursor): string {
  return Buffer.from(JSON.stringify(cursor), 'utf8').toString('base64url');
}

/** @internal */
export function decodeCursor(value: string): IncidentCursor {
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (
      typeof parsed?.declaredAt === 'string' &&
      typeof parsed?.id === 'string' &&
      parseInstant(parsed.declaredAt) !== undefined
    ) {
      return parsed;
    }
  } catch {
    // fall through to the error below
  }
  throw new InputError('cursor: must be a cursor this API returned');
}
