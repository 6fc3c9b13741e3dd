import { spec } from '../schema/openapi';

/**
 * The operations of `src/schema/openapi.yaml`, `$ref`s followed, as the OpenAPI fuzz test
 * derives its requests from them.
 */

type JsonObject = { [key: string]: any };
const document = spec as unknown as JsonObject;
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Follows `$ref`s inside the spec. */
export function resolveRef(node: any): any {
  let current = node;
  while (current?.$ref) {
    current = (current.$ref as string)
      .replace(/^#\//, '')
      .split('/')
      .map(p => p.replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<any>((n, part) => n?.[part], document);
  }
  return current;
}

/** One parameter of an operation, `$ref`s followed. */
export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: JsonObject;
}

/** One operation of the spec. */
export interface SpecOperation {
  operationId: string;
  method: string;
  template: string;
  parameters: SpecParameter[];
  body?: { schema: JsonObject; required: boolean };
  /** Every top-level body field and parameter name: what a 4xx message may name. */
  fieldNames: Set<string>;
}

// The fields of an object schema, or of any of its variants.
function propertyNames(schema: JsonObject): string[] {
  const resolved = resolveRef(schema) ?? {};
  return [
    ...Object.keys(resolved.properties ?? {}),
    ...[
      ...(resolved.oneOf ?? []),
      ...(resolved.anyOf ?? []),
      ...(resolved.allOf ?? []),
    ].flatMap(propertyNames),
  ];
}

/** Every operation of the spec, in the spec's order. */
export function specOperations(): SpecOperation[] {
  const operations: SpecOperation[] = [];
  for (const [template, item] of Object.entries<JsonObject>(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = [
        ...(item.parameters ?? []),
        ...(operation.parameters ?? []),
      ].map(resolveRef) as SpecParameter[];
      const requestBody = resolveRef(operation.requestBody);
      const schema = requestBody?.content?.['application/json']?.schema;
      const body = schema
        ? { schema: resolveRef(schema), required: !!requestBody.required }
        : undefined;
      const fieldNames = new Set([
        ...parameters.map(p => p.name),
        ...(body ? propertyNames(body.schema) : []),
      ]);
      operations.push({
        operationId: operation.operationId,
        method,
        template,
        parameters: parameters.map(p => ({
          ...p,
          required: !!p.required,
          schema: resolveRef(p.schema) ?? {},
        })),
        body,
        fieldNames,
      });
    }
  }
  return operations;
}
