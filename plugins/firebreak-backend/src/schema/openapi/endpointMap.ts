import type { paths } from './generated';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
type SuccessStatus = 200 | 201 | 202 | 203 | 204 | 206 | '2XX';
type Defined<T> = Exclude<T, undefined>;

/** A request's or response's JSON body; `void` when it has none (204, a non-JSON feed). */
type JsonBody<T> = T extends { content: { 'application/json': infer Body } }
  ? Body
  : void;

/**
 * One operation of openapi-typescript's `paths`, as the typed router takes it: its path and
 * query parameters, its JSON body and the body of its success responses. Errors are thrown, and
 * Backstage's error handler writes their bodies.
 */
type Endpoint<Operation> = Operation extends {
  parameters: infer Parameters;
  responses: infer Responses;
}
  ? (Parameters extends { path: infer Path } ? { path: Path } : {}) &
      (Parameters extends { query?: infer Query }
        ? [Defined<Query>] extends [never]
          ? {}
          : { query: Defined<Query> }
        : {}) &
      (Operation extends { requestBody?: infer Body }
        ? [Defined<Body>] extends [never]
          ? {}
          : { body: JsonBody<Defined<Body>> }
        : {}) & {
        response: JsonBody<Responses[Extract<keyof Responses, SuccessStatus>]>;
      }
  : never;

/** Every `[path, method]` of the spec that has an operation. */
type Operations = {
  [Path in keyof paths & string]: {
    [M in Method]: [Defined<paths[Path][M]>] extends [never]
      ? never
      : [Path, M];
  }[Method];
}[keyof paths & string];

/**
 * Every operation of `src/schema/openapi.yaml`, keyed `#method|path` as Backstage's
 * `TypedRouter` and `createValidatedOpenApiRouterFromGeneratedEndpointMap` expect (the shape
 * `backstage-repo-tools package schema openapi generate --server` writes), derived from the
 * `paths` that openapi-typescript generates.
 *
 * @internal
 */
export type EndpointMap = {
  [O in Operations as `#${O[1] extends 'delete'
    ? '_delete'
    : O[1]}|${O[0]}`]: Endpoint<Defined<paths[O[0]][O[1]]>>;
};
