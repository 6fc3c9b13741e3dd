import { InputError, isError } from '@backstage/errors';
import { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { z } from 'zod';

/**
 * Parses a request part with a schema; the error names the first field at fault, as in
 * `title: must not be empty` or `entityRefs[0]: must not be empty`.
 *
 * @internal
 */
export function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.').replace(/\.(\d+)/g, '[$1]') || 'body';
    throw new InputError(`${field}: ${issue.message}`);
  }
  return result.data;
}

/**
 * The schemas a resource's handlers parse each operation's request with, by the spec's
 * `operationId`.
 *
 * @internal
 */
export type RequestSchemas = Record<
  string,
  { query?: z.ZodType<unknown>; body?: z.ZodType<unknown> }
>;

// The validator's text for its first complaint, e.g. `request/body/entityRefs/0 must NOT have
// fewer than 1 characters` or `request/body must have required property 'title'`.
const VALIDATOR_MESSAGE =
  /^request\/(?:body|query|headers|params|path|cookies)(?:\/(\S*))? ([\s\S]*)$/;

function fieldOf(pointer: string) {
  return pointer
    .split('/')
    .filter(Boolean)
    .map((part, index) =>
      /^\d+$/.test(part) ? `[${part}]` : `${index > 0 ? '.' : ''}${part}`,
    )
    .join('');
}

/** Rewrites a validator message into the `field: problem` form, or undefined if it is not one. */
function nameField(message: string): string | undefined {
  // Several complaints are joined with ", request/..."; the first is enough to act on.
  const [first] = message.split(/, (?=request\/)/);
  const match = VALIDATOR_MESSAGE.exec(first);
  if (!match) {
    return undefined;
  }
  const [, pointer = '', problem] = match;
  const missing = /^must have required property '(.+)'$/.exec(problem);
  if (missing) {
    return `${fieldOf(`${pointer}/${missing[1]}`)}: is required`;
  }
  return `${fieldOf(pointer) || 'body'}: ${problem}`;
}

interface OpenApiRequestMetadata {
  openapi?: { schema?: { operationId?: string } };
}

// Set on requests the OpenAPI validator let through, so that only its rejections are reworded.
const PASSED_VALIDATION = 'firebreakPassedOpenApiValidation';

/**
 * Words the OpenAPI validator's rejections the way the handlers word theirs.
 *
 * The validator checks every request against the spec before a handler runs. When it rejects
 * one, the handler's own schema for that operation is asked first: it names the field and
 * says the rule as people read it (`entityRefs: name at least one impacted entity`). Where only
 * the spec rejects the request, the validator's message is rewritten to start with the field.
 *
 * `markValidated` goes first among the router's routes (it only runs when the validator let
 * the request through), `explain` goes last.
 *
 * @internal
 */
export function explainRejectedRequests(schemas: RequestSchemas): {
  markValidated: RequestHandler;
  explain: ErrorRequestHandler;
} {
  return {
    markValidated: (_req, res, next) => {
      res.locals[PASSED_VALIDATION] = true;
      next();
    },
    explain: (error, req: Request & OpenApiRequestMetadata, res, next) => {
      if (
        res.locals[PASSED_VALIDATION] ||
        !isError(error) ||
        error.name !== 'InputError'
      ) {
        next(error);
        return;
      }
      const operationId = req.openapi?.schema?.operationId;
      const handlerSchemas = operationId ? schemas[operationId] : undefined;
      try {
        if (handlerSchemas?.query) parse(handlerSchemas.query, req.query);
        if (handlerSchemas?.body) parse(handlerSchemas.body, req.body);
      } catch (explained) {
        next(explained);
        return;
      }
      const named = nameField(error.message);
      next(named ? new InputError(named) : error);
    },
  };
}
