import { spec } from '../../schema/openapi';
import { users } from '../firebreakTestBackend';
import { MatrixSetup } from './MatrixSetup';

/**
 * Who may call an operation:
 * - `public`: anyone, without credentials (the spec documents no 401 for it);
 * - `signedIn`: any user or service, whatever the permission policy says;
 * - `read`: whoever may read; the test policy refuses mallory;
 * - `change`: whoever may change; the test policy refuses mallory and the read-only viewer.
 */
export type Access = 'public' | 'signedIn' | 'read' | 'change';

/** A request of the matrix, relative to `/api/firebreak`. */
export interface MatrixRequest {
  /** The path with its ids filled in, and a query string if any. */
  path: string;
  body?: object;
}

/** One row of the auth matrix: one operation of `src/schema/openapi.yaml`. */
export interface OperationRow {
  /** The spec's method and path template, as `POST /incidents/{idOrRef}/timeline`. */
  operation: string;
  access: Access;
  /** What the permitted request (alice's, or an anonymous one for public rows) is answered. */
  permitted: number;
  /**
   * Makes what the request needs (an incident, a schedule...) as alice, and says how to
   * send it. Every caller of the row sends this same request.
   */
  prepare(setup: MatrixSetup): Promise<MatrixRequest>;
  /**
   * For public operations whose credential is in the URL (a calendar feed's token): the
   * prepared request with that credential made wrong, which must be answered 404.
   */
  wrongCredential?(prepared: MatrixRequest): MatrixRequest;
}

/** The users the test policy refuses an operation, each of whom must be answered 403. */
export function refusedUsers(access: Access): string[] {
  switch (access) {
    case 'read':
      return [users.mallory];
    case 'change':
      return [users.mallory, users.viewer];
    default:
      return [];
  }
}

/** One request of a row, and what it must be answered. */
export interface MatrixCall {
  /** A user ref, or `nobody` for a request without credentials. */
  caller: string;
  /** The prepared request, or the one with a wrong credential in its URL. */
  request: 'prepared' | 'wrongCredential';
  status: number;
  /** Whether the call must change the database; absent where that is not checked. */
  changes?: boolean;
}

/**
 * The requests of a row, in the order they are sent: refused callers first, each leaving the
 * database as it was, then the permitted caller, whose change shows the comparison can see one.
 */
export function callsOf(row: OperationRow): MatrixCall[] {
  const nobody = 'nobody';
  if (row.access === 'public') {
    return [
      ...(row.wrongCredential
        ? [
            {
              caller: nobody,
              request: 'wrongCredential' as const,
              status: 404,
              changes: false,
            },
          ]
        : []),
      { caller: nobody, request: 'prepared', status: row.permitted },
    ];
  }
  return [
    { caller: nobody, request: 'prepared', status: 401, changes: false },
    ...refusedUsers(row.access).map(user => ({
      caller: user,
      request: 'prepared' as const,
      status: 403,
      changes: false,
    })),
    // No permission guards these: even mallory, whom the policy refuses everything, may.
    ...(row.access === 'signedIn'
      ? [
          {
            caller: users.mallory,
            request: 'prepared' as const,
            status: row.permitted,
          },
        ]
      : []),
    {
      caller: users.alice,
      request: 'prepared',
      status: row.permitted,
      ...(row.access === 'change' ? { changes: true } : {}),
    },
  ];
}

/** An operation of the spec, and what it documents about credentials. */
export interface SpecOperation {
  operation: string;
  /** Whether the spec documents 401: without it, the operation needs no credentials. */
  needsCredentials: boolean;
  /** Whether the spec documents 403. */
  mayBeForbidden: boolean;
}

const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

/** Every operation of `src/schema/openapi.yaml`. */
export function specOperations(): SpecOperation[] {
  const paths = spec.paths as Record<
    string,
    Record<string, { responses?: Record<string, unknown> }>
  >;
  return Object.entries(paths).flatMap(([path, item]) =>
    Object.entries(item)
      .filter(([method]) => METHODS.includes(method))
      .map(([method, operation]) => ({
        operation: `${method.toUpperCase()} ${path}`,
        needsCredentials: '401' in (operation.responses ?? {}),
        mayBeForbidden: '403' in (operation.responses ?? {}),
      })),
  );
}

/** The HTTP method of a row, as supertest names it. */
export function methodOf(row: OperationRow) {
  return row.operation.split(' ')[0].toLowerCase() as
    | 'get'
    | 'put'
    | 'post'
    | 'patch'
    | 'delete';
}
