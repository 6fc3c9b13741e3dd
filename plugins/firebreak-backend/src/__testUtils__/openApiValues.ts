import fc, { Arbitrary } from 'fast-check';
import { resolveRef } from './openApiOperations';

/**
 * fast-check arbitraries for the values a JSON schema of the spec describes: valid ones, and
 * edgy ones that are mostly valid but now and then at a boundary or invalid.
 */

type JsonObject = { [key: string]: any };

/**
 * A value filled in when the request is sent, from what the API has answered so far (an id
 * it handed out, the current version of what the path names): `pick` chooses among them,
 * `offset` moves a number away from the current one.
 */
export class Live {
  constructor(
    readonly pool: string,
    readonly pick: number,
    readonly offset: number = 0,
  ) {}
  toString() {
    return `Live(${this.pool}#${this.pick}${
      this.offset ? `${this.offset > 0 ? '+' : ''}${this.offset}` : ''
    })`;
  }
}

/** Valid values for fields whose meaning the schema cannot say (an entity ref, a zone). */
export type FieldHints = (field: string) => Arbitrary<unknown> | undefined;

/** Whether values are all valid, or now and then at a boundary or invalid. */
export type Mode = 'valid' | 'edgy';

/** One of the arbitraries, each as often as its weight says. */
export const weighted = <T>(...entries: [number, Arbitrary<T>][]) =>
  fc.oneof(...entries.map(([weight, arbitrary]) => ({ weight, arbitrary })));

const FAR_INSTANTS = [
  '1000-01-01T00:00:00.000Z',
  '9999-12-31T23:59:59.999Z',
  '+275760-09-13T00:00:00.000Z',
  '-271821-04-20T00:00:00.000Z',
  '0999-12-31T23:59:59.999Z',
  '9999-12-31T23:00:00-05:00',
  '1970-01-01T00:00:00Z',
  '2024-02-29T12:00:00+14:00',
  '2026-06-01T24:00:00Z',
  '2026-06-01t09:00:00.123456789z',
];
const BAD_INSTANTS = [
  'yesterday',
  '2026-13-01T00:00:00Z',
  '2026-06-01',
  '2026-06-01T09:00',
  'NaN',
  '1780304400000',
];

function validInstant(): Arbitrary<string> {
  return fc
    .date({
      min: new Date('2025-01-01T00:00:00Z'),
      max: new Date('2027-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map(d => d.toISOString());
}

/** Strings at the edges: empty, blank, too long, unicode, NUL, injections. */
export function edgyString(schema: JsonObject): Arbitrary<string> {
  const max: number | undefined = schema.maxLength;
  const fixed = [
    '',
    ' ',
    '\t\n ',
    '\u0000',
    '\u202eevil',
    '💥🔥'.repeat(40),
    'é'.repeat(301),
    "x'); DROP TABLE firebreak_incidents;--",
    '%',
    '../../etc/passwd',
    'INC-0',
    'INC-99999999999999999999',
    'component:default/',
    ':/',
  ];
  if (max !== undefined) fixed.push('x'.repeat(max), 'x'.repeat(max + 1));
  return weighted<string>(
    [3, fc.constantFrom(...fixed)],
    [2, fc.string({ unit: 'binary', maxLength: 30 })],
    [1, fc.string({ unit: 'grapheme', minLength: 200, maxLength: 600 })],
  );
}

const wrongTypes = fc.constantFrom<unknown>(
  null,
  42,
  -1.5,
  true,
  'text',
  [],
  {},
  [null],
);

function stringArb(schema: JsonObject, mode: Mode): Arbitrary<unknown> {
  if (schema.enum) {
    const valid = fc.constantFrom(...(schema.enum as string[]));
    if (mode === 'valid') return valid;
    return weighted<unknown>(
      [8, valid],
      [1, valid.map(v => v.toUpperCase())],
      [1, edgyString(schema)],
    );
  }
  if (schema.format === 'date-time') {
    if (mode === 'valid') return validInstant();
    return weighted<unknown>(
      [6, validInstant()],
      [2, fc.constantFrom(...FAR_INSTANTS)],
      [1, fc.date({ noInvalidDate: true }).map(d => d.toISOString())],
      [1, fc.constantFrom(...BAD_INSTANTS)],
    );
  }
  const min = Math.max(1, schema.minLength ?? 0);
  const valid = fc.string({
    unit: 'grapheme-ascii',
    minLength: min,
    maxLength: Math.max(min, Math.min(schema.maxLength ?? 40, 40)),
  });
  if (mode === 'valid') return valid;
  return weighted<unknown>([6, valid], [3, edgyString(schema)]);
}

function numberArb(schema: JsonObject, mode: Mode): Arbitrary<unknown> {
  const min = schema.minimum ?? 0;
  const max = schema.maximum ?? Math.max(min, 60);
  const valid = fc.integer({ min, max });
  if (mode === 'valid') return valid;
  return weighted<unknown>(
    [6, valid],
    [
      3,
      fc.constantFrom(
        0,
        -1,
        1,
        min - 1,
        max + 1,
        2 ** 31,
        2 ** 31 - 1,
        -(2 ** 31),
        Number.MAX_SAFE_INTEGER + 2,
        1e308,
        -1e308,
        0.5,
        5e-324,
      ),
    ],
  );
}

function objectArb(
  schema: JsonObject,
  mode: Mode,
  hints: FieldHints,
): Arbitrary<unknown> {
  const properties: JsonObject = schema.properties ?? {};
  const required: string[] = schema.required ?? [];
  let object: Arbitrary<JsonObject> = fc.record(
    Object.fromEntries(
      Object.entries(properties).map(([key, child]) => [
        key,
        valueArb(child, mode, hints, key),
      ]),
    ),
    { requiredKeys: required.filter(key => key in properties) },
  );
  const additional = resolveRef(schema.additionalProperties);
  if (additional && typeof additional === 'object') {
    object = fc
      .tuple(
        object,
        fc.dictionary(
          (hints('{key}') as Arbitrary<string>) ?? fc.string(),
          valueArb(additional, mode, hints, '{value}'),
          { maxKeys: 3 },
        ),
      )
      .map(([known, extra]) => ({ ...extra, ...known }));
  }
  if (mode === 'valid') return object;
  return weighted<unknown>(
    [12, object],
    // Missing a field it needs.
    [
      1,
      fc.tuple(object, fc.nat()).map(([value, pick]) => {
        const copy = { ...value };
        if (required.length > 0) delete copy[required[pick % required.length]];
        return copy;
      }),
    ],
    // A field it does not know.
    [1, object.map(value => ({ ...value, unexpectedField: 'surprise' }))],
    [1, wrongTypes],
  );
}

/**
 * Values for a schema: `valid` ones, or `edgy` ones where each part is mostly valid but now and
 * then at a boundary (empty, too long, unicode, far instants, huge numbers) or invalid (a wrong
 * type, a missing or extra field).
 */
export function valueArb(
  rawSchema: JsonObject,
  mode: Mode,
  hints: FieldHints,
  field = '',
): Arbitrary<unknown> {
  const schema = resolveRef(rawSchema) ?? {};
  const hinted = hints(field);
  if (hinted) {
    return mode === 'valid'
      ? hinted
      : weighted<unknown>(
          [8, hinted],
          [2, plainArb(schema, mode, hints, field)],
        );
  }
  return plainArb(schema, mode, hints, field);
}

function plainArb(
  schema: JsonObject,
  mode: Mode,
  hints: FieldHints,
  field: string,
): Arbitrary<unknown> {
  const edgy = (arbitrary: Arbitrary<unknown>) =>
    mode === 'valid' ? arbitrary : weighted([12, arbitrary], [1, wrongTypes]);
  if (schema.oneOf) {
    return fc.oneof(
      ...(schema.oneOf as JsonObject[]).map(s =>
        valueArb(s, mode, hints, field),
      ),
    );
  }
  const types: string[] = Array.isArray(schema.type)
    ? schema.type
    : [schema.type ?? (schema.properties ? 'object' : 'any')];
  const [type] = types;
  const nullable = types.includes('null');
  const base = (() => {
    switch (type) {
      case 'string':
        return edgy(stringArb(schema, mode));
      case 'integer':
      case 'number':
        return edgy(numberArb(schema, mode));
      case 'boolean':
        return edgy(fc.boolean());
      case 'array': {
        const item = valueArb(schema.items ?? {}, mode, hints, `${field}[]`);
        const minLength = schema.minItems ?? 0;
        const maxLength = Math.max(
          minLength,
          Math.min(schema.maxItems ?? 4, 4),
        );
        const array = fc.array(item, { minLength, maxLength });
        if (mode === 'valid') return array;
        const maxItems: number | undefined = schema.maxItems;
        return weighted<unknown>(
          [10, array],
          [1, fc.constant([])],
          ...(maxItems !== undefined && maxItems <= 5000
            ? ([
                [
                  1,
                  valueArb(
                    schema.items ?? {},
                    'valid',
                    hints,
                    `${field}[]`,
                  ).map(v => new Array(maxItems + 1).fill(v)),
                ],
              ] as [number, Arbitrary<unknown>][])
            : []),
          [1, wrongTypes],
        );
      }
      case 'object':
        return objectArb(schema, mode, hints);
      default:
        return mode === 'valid' ? fc.string() : fc.jsonValue({ maxDepth: 2 });
    }
  })();
  return nullable ? weighted([4, base], [1, fc.constant(null)]) : base;
}
