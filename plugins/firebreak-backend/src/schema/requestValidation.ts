import { InputError } from '@backstage/errors';
import { z } from 'zod';

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
