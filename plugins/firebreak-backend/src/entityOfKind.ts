import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { lowerRef } from './refs';

/**
 * Parses a ref that must name an entity of one kind, which it may leave out (`jane` is
 * `user:default/jane`); a 400 naming the field otherwise.
 *
 * @internal
 */
export function parseRefOfKind(
  ref: string,
  kind: 'user' | 'group',
  field: string,
): CompoundEntityRef {
  let parsed: CompoundEntityRef;
  try {
    parsed = parseEntityRef(ref, {
      defaultKind: kind,
      defaultNamespace: 'default',
    });
  } catch {
    throw new InputError(`${field}: '${ref}' is not an entity ref`);
  }
  if (lowerRef(parsed.kind) !== kind) {
    throw new InputError(`${field}: '${ref}' is not a ${kind}`);
  }
  return parsed;
}

/**
 * The lower-cased ref of an entity of one kind that the caller can see in the catalog; a 400
 * naming the field when the ref is not one.
 *
 * @internal
 */
export async function requireEntityOfKind(
  catalog: CatalogService,
  ref: string,
  kind: 'user' | 'group',
  field: string,
  credentials: BackstageCredentials,
): Promise<string> {
  const parsed = parseRefOfKind(ref, kind, field);
  const entity = await catalog.getEntityByRef(parsed, { credentials });
  if (!entity) {
    throw new InputError(`${field}: '${ref}' is not in the catalog`);
  }
  return lowerRef(stringifyEntityRef(parsed));
}
