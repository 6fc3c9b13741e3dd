import fc, { Arbitrary } from 'fast-check';
import { SpecOperation } from './openApiOperations';
import {
  edgyString,
  FieldHints,
  Mode,
  valueArb,
  weighted,
} from './openApiValues';

/**
 * fast-check arbitraries derived from `src/schema/openapi.yaml`: for every operation of the
 * spec, a plan of a request (who sends it, its path, query, headers and body) that is valid, at
 * a boundary, or invalid. Nothing here names an operation: a route added to the spec is fuzzed
 * as soon as it is there.
 */

/** Who sends a request: users the test policy allows, lets read, or denies, or nobody. */
export const SENDERS = [
  'alice',
  'bob',
  'viewer',
  'mallory',
  'service',
  'nobody',
  'badToken',
] as const;

/** A request to send, before live values are filled in. */
export interface RequestPlan {
  operation: string;
  sender: (typeof SENDERS)[number];
  /** Which known resource the path names; a parameter in `rawPath` replaces its value. */
  pathPick: number;
  rawPath: Record<string, string>;
  query: [string, unknown][];
  headers: Record<string, string>;
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: unknown; contentType?: string }
    | { kind: 'raw'; text: string; contentType: string };
}

const headerText = fc.string({
  unit: fc.constantFrom(...'abcXYZ0189-_.:/ ,;="'.split('')),
  maxLength: 300,
});

const ODD_CONTENT_TYPES = [
  'text/plain',
  'application/x-www-form-urlencoded',
  'application/json; charset=utf-16',
  'application/merge-patch+json',
  'multipart/form-data; boundary=x',
  'application/json; charset=latin1',
];
const MALFORMED_BODIES = [
  '{',
  '{"title": }',
  'null',
  '[]',
  '"just a string"',
  '42',
  '{"a":1,"a":2}',
  '\u0000',
  '{"__proto__": {"admin": true}}',
  '{"constructor": {"prototype": {"polluted": true}}}',
];

function queryArb(operation: SpecOperation, hints: FieldHints) {
  const known = operation.parameters.filter(p => p.in === 'query');
  const entries = known.map(parameter =>
    weighted<[string, unknown][]>(
      [parameter.required ? 1 : 4, fc.constant([])],
      [
        6,
        valueArb(parameter.schema, 'valid', hints, parameter.name).map(v => [
          [parameter.name, v],
        ]),
      ],
      [
        3,
        valueArb(parameter.schema, 'edgy', hints, parameter.name).map(v => [
          [parameter.name, v],
        ]),
      ],
    ),
  );
  const odd = weighted<[string, unknown][]>(
    [12, fc.constant([])],
    [1, fc.constant([['unknownParameter', 'x']])],
    [1, fc.constant([[`${known[0]?.name ?? 'x'}[nested]`, 'y']])],
    [1, fc.constant([['%ZZ', '%ZZ']])],
    [
      1,
      fc.constant(
        known.length
          ? [
              [known[0].name, 'a'],
              [known[0].name, 'b'],
            ]
          : [],
      ),
    ],
  );
  return fc
    .tuple(fc.tuple(...entries), odd)
    .map(([parts, extra]) => [...parts.flat(), ...extra]);
}

function headersArb(operation: SpecOperation, hints: FieldHints) {
  const declared = operation.parameters.filter(p => p.in === 'header');
  return fc
    .tuple(
      ...declared.map(parameter =>
        weighted<Record<string, string>>(
          [3, fc.constant({})],
          [
            3,
            (hints(parameter.name) ?? headerText).map(v => ({
              [parameter.name]: String(v),
            })),
          ],
          [2, headerText.map(v => ({ [parameter.name]: v }))],
        ),
      ),
    )
    .map(parts => Object.assign({}, ...parts) as Record<string, string>);
}

function bodyArb(
  operation: SpecOperation,
  hints: FieldHints,
): Arbitrary<RequestPlan['body']> {
  const schema = operation.body?.schema;
  const json = (mode: Mode) =>
    schema
      ? valueArb(schema, mode, hints).map(value => ({
          kind: 'json' as const,
          value,
        }))
      : fc.constant({ kind: 'none' as const });
  return weighted<RequestPlan['body']>(
    [6, json('valid')],
    [6, json('edgy')],
    [1, fc.constant({ kind: 'none' as const })],
    [
      1,
      fc.record({
        kind: fc.constant('raw' as const),
        text: fc.constantFrom(...MALFORMED_BODIES),
        contentType: fc.constant('application/json'),
      }),
    ],
    [
      1,
      fc.record({
        kind: fc.constant('json' as const),
        value: schema ? valueArb(schema, 'valid', hints) : fc.constant({}),
        contentType: fc.constantFrom(...ODD_CONTENT_TYPES),
      }),
    ],
  );
}

function pathArb(operation: SpecOperation) {
  const pathParameters = operation.parameters.filter(p => p.in === 'path');
  return fc.tuple(
    fc.nat({ max: 1000 }),
    fc
      .tuple(
        ...pathParameters.map(parameter =>
          weighted<Record<string, string>>(
            [12, fc.constant({})],
            [
              2,
              weighted<string>(
                [3, edgyString({}).filter(s => s.length > 0)],
                [1, fc.uuid()],
              ).map(v => ({ [parameter.name]: v })),
            ],
          ),
        ),
      )
      .map(parts => Object.assign({}, ...parts) as Record<string, string>),
  );
}

/** Request plans for one operation. */
export function requestPlanArb(
  operation: SpecOperation,
  hints: FieldHints,
): Arbitrary<RequestPlan> {
  return fc
    .record({
      sender: weighted<RequestPlan['sender']>(
        [10, fc.constantFrom('alice', 'bob')],
        [1, fc.constantFrom(...SENDERS)],
      ),
      path: pathArb(operation),
      query: queryArb(operation, hints),
      headers: headersArb(operation, hints),
      body: bodyArb(operation, hints),
    })
    .map(({ sender, path: [pathPick, rawPath], query, headers, body }) => ({
      operation: `${operation.method.toUpperCase()} ${operation.template}`,
      sender,
      pathPick,
      rawPath,
      query,
      headers,
      body,
    }));
}
