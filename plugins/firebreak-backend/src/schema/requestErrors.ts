import { InputError, NotFoundError } from '@backstage/errors';
import express, { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { spec } from './openapi';

type JsonObject = { [key: string]: any };

// Method and path pattern of every operation that takes a request body, from the spec.
const operationsWithBodies = Object.entries(
  (spec as unknown as JsonObject).paths as JsonObject,
).flatMap(([template, item]) =>
  Object.entries(item as JsonObject)
    .filter(([, operation]) => operation?.requestBody)
    .map(([method]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}/?$`),
    })),
);

function takesBody(req: Request): boolean {
  return operationsWithBodies.some(
    o => o.method === req.method && o.pattern.test(req.path),
  );
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
