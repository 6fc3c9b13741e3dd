import { InputError, NotFoundError } from '@backstage/errors';
import express, { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { spec } from './openapi';

type JsonObject = { [key: string]: any };

// Each operation of the spec: its method, path pattern, whether it takes a body, and the query
// parameters it reads.
const operations = Object.entries(
  (spec as unknown as JsonObject).paths as JsonObject,
).flatMap(([template, item]) =>
  Object.entries(item as JsonObject)
    .filter(([method]) => method !== 'parameters')
    .map(([method, operation]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
      takesBody: Boolean(operation?.requestBody),
      queryNames: ((operation?.parameters ?? []) as JsonObject[])
        .filter(p => p.in === 'query')
        .map(p => p.name as string),
    })),
);

function operationOf(req: Request) {
  return operations.find(
    o => o.method === req.method && o.pattern.test(req.path),
  );
}

function takesBody(req: Request): boolean {
  return operationOf(req)?.takesBody ?? false;
}

/**
 * Parses JSON request bodies of the operations the spec gives one. Any other request's body
 * means nothing to the API, so it is not read, and cannot fail the request.
 *
 * @internal
 */
export function jsonBodies(options: { limit: string }): RequestHandler {
  const parse = express.json(options);
  return (req, res, next) => {
    if (takesBody(req)) {
      parse(req, res, next);
    } else {
      next();
    }
  };
}

// body-parser marks its errors with a type such as `entity.parse.failed`, `entity.too.large`,
// `charset.unsupported` or `encoding.unsupported`.
const BODY_ERROR_TYPE = /^(entity|charset|encoding|request)\./;

/**
 * Turns the errors express raises before a handler runs into errors that name what is wrong,
 * as every other 4xx of the API does: a body that is not JSON (or too large, or in an unknown
 * charset) names `body`; a path that is not valid percent-encoding names no resource, so it is
 * a 404 like any other unknown id.
 *
 * @internal
 */
export const namedRequestErrors: ErrorRequestHandler = (
  error,
  _req,
  _res,
  next,
) => {
  if (typeof error?.type === 'string' && BODY_ERROR_TYPE.test(error.type)) {
    const reason =
      error.type === 'entity.parse.failed'
        ? 'must be a JSON document'
        : `cannot be read (${error.message})`;
    next(new InputError(`body: ${reason}`));
    return;
  }
  if (error instanceof URIError) {
    next(
      new NotFoundError(
        `Nothing is at a path that is not valid percent-encoding`,
      ),
    );
    return;
  }
  next(error);
};

// Where in a parsed body or query the first string holding a NUL character is, as a field path.
function nulAt(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') {
    return value.includes('\u0000') ? path : undefined;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = nulAt(item, `${path}[${index}]`);
      if (found) return found;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const found =
        nulAt(key, path ? `${path}.${key}` : key) ??
        nulAt(item, path ? `${path}.${key}` : key);
      if (found) return found;
    }
  }
  return undefined;
}

/**
 * Refuses the NUL character anywhere in a request: PostgreSQL cannot store or compare text
 * holding one, so it would fail the request with a 500. In the body or query it names the
 * field; in the path it names nothing that can exist, so it is a 404 like an unknown id.
 *
 * @internal
 */
export const refuseNulCharacters: RequestHandler = (req, _res, next) => {
  let path: string;
  try {
    path = decodeURIComponent(req.path);
  } catch {
    // An undecodable path is answered by namedRequestErrors.
    path = '';
  }
  if (path.includes('\u0000')) {
    next(new NotFoundError('Nothing is at a path holding a NUL character'));
    return;
  }
  // Only what the operation reads: other query parameters are ignored, NUL or not.
  const read = operationOf(req)?.queryNames ?? [];
  const query = Object.fromEntries(
    Object.entries(req.query).filter(([name]) => read.includes(name)),
  );
  const field = nulAt(query, '') ?? nulAt(req.body, '');
  if (field !== undefined) {
    next(
      new InputError(`${field || 'body'}: must not contain the NUL character`),
    );
    return;
  }
  next();
};
