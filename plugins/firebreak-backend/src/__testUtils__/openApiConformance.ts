import Ajv2020, { ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { IncomingMessage, Server, ServerResponse } from 'node:http';
import { spec } from '../schema/openapi';

/**
 * Checks what the API really does against what `src/schema/openapi.yaml` says it does.
 *
 * Every exchange with a test backend is looked up in the spec: the path, method and status
 * code must be documented, the response body must match the documented schema (or be empty
 * where none is documented), and a request the implementation accepted must be valid by the
 * spec (so the spec never promises less than the handlers take). The router does not check
 * the spec at run time (its handlers' schemas validate requests); this is where the spec and
 * the implementation are held together, in every router test.
 */

const SPEC_ID = 'firebreak-openapi';
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head'];

type JsonObject = { [key: string]: any };
const document = spec as unknown as JsonObject;

// discriminator and OpenAPI annotations are not JSON Schema keywords: strict mode would refuse
// them. oneOf already picks the one variant whose `type` matches.
const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);
ajv.addSchema(document, SPEC_ID);

const validators = new Map<string, ValidateFunction>();
function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

const escape = (part: string) => part.replace(/~/g, '~0').replace(/\//g, '~1');

function valueAt(pointer: string): any {
  return pointer
    .split('/')
    .slice(1)
    .reduce<any>(
      (node, part) => node?.[part.replace(/~1/g, '/').replace(/~0/g, '~')],
      document,
    );
}

/** Follows `$ref`s to responses, parameters and request bodies; returns where it ends. */
function follow(pointer: string): string {
  const node = valueAt(pointer);
  return node?.$ref ? follow(node.$ref.replace(/^#/, '')) : pointer;
}

/** One mismatch between the spec and what the backend did. */
export interface SpecViolation {
  request: string;
  problem: string;
}

const violations: SpecViolation[] = [];
const coveredResponses = new Set<string>();

function describeErrors(validate: ValidateFunction) {
  return (validate.errors ?? [])
    .map(error => {
      const extra = (error.params as { additionalProperty?: string })
        .additionalProperty;
      return ` ${error.instancePath || '(root)'} ${error.message}${
        extra ? ` (${extra})` : ''
      }`;
    })
    .join(';');
}

function findOperation(method: string, path: string) {
  const parts = path.split('/');
  for (const template of Object.keys(document.paths)) {
    const templateParts = template.split('/');
    if (
      templateParts.length === parts.length &&
      templateParts.every(
        (part, i) =>
          part === parts[i] || (/^\{.+\}$/.test(part) && parts[i] !== ''),
      )
    ) {
      return {
        template,
        operation: METHODS.includes(method)
          ? `/paths/${escape(template)}/${method}`
          : undefined,
      };
    }
  }
  return undefined;
}

// Query values as the spec describes them: comma lists for form-style arrays, numbers for
// numeric parameters. Unknown parameters are the router's business, not the spec's.
function checkQuery(
  operationPointer: string,
  pathPointer: string,
  query: URLSearchParams,
  report: (problem: string) => void,
) {
  const parameterPointers = [pathPointer, operationPointer].flatMap(base =>
    ((valueAt(`${base}/parameters`) as unknown[]) ?? []).map((_, i) =>
      follow(`${base}/parameters/${i}`),
    ),
  );
  for (const pointer of parameterPointers) {
    const parameter = valueAt(pointer);
    if (parameter.in !== 'query' || !query.has(parameter.name)) {
      continue;
    }
    const schema = valueAt(`${follow(`${pointer}/schema`)}`);
    const raw = query.getAll(parameter.name);
    let value: unknown = raw[raw.length - 1];
    if (schema.type === 'array') {
      // An empty form-style list is `name=`.
      const split = (v: string) => (v === '' ? [] : v.split(','));
      value = raw.flatMap(v => (parameter.explode === false ? split(v) : v));
    } else if (schema.type === 'integer' || schema.type === 'number') {
      value = Number(value);
    }
    const validate = validatorAt(`${pointer}/schema`);
    if (!validate(value)) {
      report(
        `query parameter ${
          parameter.name
        } was accepted but the spec forbids it:${describeErrors(validate)}`,
      );
    }
  }
}

function check(
  method: string,
  url: URL,
  requestBody: unknown,
  status: number,
  contentType: string | undefined,
  responseBody: string,
  basePath: string,
) {
  const path = url.pathname.slice(basePath.length) || '/';
  const label = `${method.toUpperCase()} ${url.pathname}${
    url.search
  } → ${status}`;
  const report = (problem: string) =>
    violations.push({ request: label, problem });

  // The spec itself, which is not one of its own paths, and Backstage's own routes: the
  // plugin's public keys (which other plugins fetch to verify its tokens) and the permission
  // framework's endpoints (which tests call as the permission backend would).
  if (
    path === '/openapi.json' ||
    path.startsWith('/.backstage/') ||
    path.startsWith('/.well-known/')
  ) {
    return;
  }
  const found = findOperation(method, path);
  if (!found) {
    report('the path is not in the spec');
    return;
  }
  if (!found.operation || !valueAt(found.operation)) {
    report(`the spec has no ${method.toUpperCase()} ${found.template}`);
    return;
  }
  const responsePointer = `${found.operation}/responses/${status}`;
  if (!valueAt(responsePointer)) {
    report(`status ${status} is not documented`);
    return;
  }
  coveredResponses.add(`${method} ${found.template} ${status}`);

  const response = follow(responsePointer);
  const jsonSchema = `${response}/content/${escape('application/json')}/schema`;
  const mediaType = contentType?.split(';')[0].trim();
  const documentedText =
    mediaType &&
    !mediaType.endsWith('json') &&
    valueAt(`${response}/content/${escape(mediaType)}/schema`)?.type ===
      'string';
  if (documentedText) {
    // A text answer (an iCal feed): the spec says only that it is text of that type.
  } else if (!valueAt(jsonSchema)) {
    if (responseBody.length > 0) {
      report('a body was sent where the spec documents none');
    }
  } else if (!contentType?.startsWith('application/json')) {
    report(`the body is ${contentType ?? 'missing'}, not application/json`);
  } else {
    const validate = validatorAt(jsonSchema);
    if (!validate(JSON.parse(responseBody))) {
      report(
        `the response body does not match the spec:${describeErrors(validate)}`,
      );
    }
  }

  if (status >= 300) {
    return;
  }
  const pathPointer = `/paths/${escape(found.template)}`;
  checkQuery(found.operation, pathPointer, url.searchParams, report);
  const bodyPointer = follow(`${found.operation}/requestBody`);
  if (valueAt(bodyPointer) && requestBody !== undefined) {
    const validate = validatorAt(
      `${bodyPointer}/content/${escape('application/json')}/schema`,
    );
    if (!validate(requestBody)) {
      report(
        `the request body was accepted but the spec forbids it:${describeErrors(
          validate,
        )}`,
      );
    }
  }
}

function record(req: IncomingMessage, res: ServerResponse, basePath: string) {
  // Routers rewrite req.url on the way in; the URL as sent is the one the spec describes.
  const url = new URL(req.url ?? '/', 'http://test');
  const responseChunks: Buffer[] = [];
  const write = res.write.bind(res) as (...args: any[]) => boolean;
  const end = res.end.bind(res) as (...args: any[]) => ServerResponse;
  const keep = (chunk: unknown, encoding?: unknown) => {
    if (chunk && typeof chunk !== 'function') {
      responseChunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              String(chunk),
              typeof encoding === 'string'
                ? (encoding as BufferEncoding)
                : 'utf8',
            ),
      );
    }
  };
  res.write = ((chunk: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return write(chunk, ...rest);
  }) as typeof res.write;
  res.end = ((chunk?: unknown, ...rest: unknown[]) => {
    keep(chunk, rest[0]);
    return end(chunk, ...rest);
  }) as typeof res.end;

  res.on('finish', () => {
    if (!url.pathname.startsWith(basePath)) {
      return;
    }
    try {
      check(
        (req.method ?? 'get').toLowerCase(),
        url,
        // The router's JSON parser leaves the body here; reading the stream ourselves
        // would take it from the parser.
        (req as IncomingMessage & { body?: unknown }).body,
        res.statusCode,
        res.getHeader('content-type')?.toString(),
        Buffer.concat(responseChunks).toString('utf8'),
        basePath,
      );
    } catch (error) {
      violations.push({
        request: `${req.method} ${url.pathname}`,
        problem: `could not be checked: ${error}`,
      });
    }
  });
}

/**
 * Checks every exchange with this server under `basePath` against the spec. Mismatches fail
 * the test that caused them, in an `afterEach` hook.
 */
export function checkExchangesAgainstSpec(
  server: Server,
  basePath = '/api/firebreak',
): void {
  server.prependListener('request', (req, res) => record(req, res, basePath));
}

/** The mismatches seen since the last call, which forgets them. */
export function takeSpecViolations(): SpecViolation[] {
  return violations.splice(0);
}

/** Which `method template status` combinations the checked exchanges have covered. */
export function coveredSpecResponses(tags?: string[]): string[] {
  const documented = new Set(documentedResponses(tags));
  return [...coveredResponses].filter(r => documented.has(r)).sort();
}

/**
 * Every `method path status` the spec documents, for operations with one of the tags (all
 * when none are given).
 */
export function documentedResponses(tags?: string[]): string[] {
  const found: string[] = [];
  for (const [route, item] of Object.entries(document.paths as JsonObject)) {
    for (const [method, operation] of Object.entries(item as JsonObject)) {
      if (method === 'parameters') continue;
      const operationTags: string[] = operation.tags ?? [];
      if (tags && !operationTags.some(tag => tags.includes(tag))) continue;
      for (const status of Object.keys(operation.responses)) {
        found.push(`${method} ${route} ${status}`);
      }
    }
  }
  return found.sort();
}

if (typeof afterEach === 'function') {
  afterEach(async () => {
    // Responses finish on the server before the client sees them; one turn lets the last
    // 'finish' handlers run.
    await new Promise(resolve => setImmediate(resolve));
    const found = takeSpecViolations();
    if (found.length > 0) {
      throw new Error(
        `The API did not do what src/schema/openapi.yaml says:\n${found
          .map(v => `  ${v.request}: ${v.problem}`)
          .join('\n')}`,
      );
    }
  });
}
