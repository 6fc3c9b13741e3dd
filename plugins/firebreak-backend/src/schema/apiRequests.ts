import { HttpAuthService } from '@backstage/backend-plugin-api';
import { internal } from '@backstage/backend-openapi-utils';
import { InputError } from '@backstage/errors';
import { Request } from 'express';
import { z } from 'zod';
import { EndpointMap } from './openapi';

/**
 * A handler's request of any operation: each is typed by its own, and the helpers here take
 * any of them.
 *
 * @internal
 */
export type AnyRequest = Request<any, any, any, any>;

/**
 * A PATCH handler typed by the spec's operation at `Path`: the typed router types get, post, put
 * and delete, so PATCH handlers take their types from here.
 *
 * @internal
 */
export type PatchHandler<Path extends internal.DocEndpoint<EndpointMap>> =
  internal.EndpointMapRequestHandler<
    EndpointMap,
    Path,
    'patch' & internal.DocEndpointMethod<EndpointMap, Path>
  >;

/**
 * Reads the caller of an API route: a signed-in user, or another backend plugin calling on its
 * own behalf. Anyone else is refused with 401.
 *
 * @internal
 */
export function callerCredentials(httpAuth: HttpAuthService) {
  return (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });
}

/**
 * Text that must say something: trimmed, and refused when blank.
 *
 * @internal
 */
export const nonBlank = z.string().trim().min(1, 'must not be empty');

/**
 * The version a change is based on: a stale one is refused with 409 by the service.
 *
 * @internal
 */
export const versionNumber = z.number().int().min(1);

/**
 * The body of an action on a versioned resource that takes nothing but the version it is based on.
 *
 * @internal
 */
export const versionOnlyBody = z.object({ version: versionNumber }).strict();

/**
 * The paging parameters of a list query: how many items, and where the previous page ended.
 *
 * @internal
 */
export function pageQuery(defaultLimit: number) {
  return {
    limit: z.coerce.number().int().min(1).max(100).default(defaultLimit),
    cursor: z.string().min(1).optional(),
  };
}

// Says `title: is required` rather than `title: Invalid input: expected string, received
// undefined`; other problems keep the schema's own wording.
const missingIsRequired: z.core.$ZodErrorMap = issue =>
  issue.code === 'invalid_type' && issue.input === undefined
    ? 'is required'
    : undefined;

/**
 * Parses a request part with a schema; the error names the first field at fault, as in
 * `title: must not be empty` or `entityRefs[0]: must not be empty`.
 *
 * @internal
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {}, { error: missingIsRequired });
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.').replace(/\.(\d+)/g, '[$1]') || 'body';
    throw new InputError(`${field}: ${issue.message}`);
  }
  return result.data;
}
