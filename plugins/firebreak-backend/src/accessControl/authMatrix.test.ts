import { Knex } from 'knex';
import { isDeepStrictEqual } from 'node:util';
import request from 'supertest';
import {
  as,
  FirebreakTestBackend,
  startFirebreak,
} from '../__testUtils__/firebreakTestBackend';
import {
  callsOf,
  MATRIX_NOW,
  MatrixCall,
  MatrixRequest,
  MatrixSetup,
  methodOf,
  OperationRow,
  operationMatrix,
  RequestTally,
  refusedUsers,
  snapshotDatabase,
  specOperations,
} from '../__testUtils__/authMatrix';
import { testDatabases } from '../__testUtils__/testDatabases';

/*
 * The auth matrix: every operation of src/schema/openapi.yaml, asked without credentials
 * (401), by each user the test policy refuses (403, and the database unchanged) and by a
 * permitted user (2xx). Operations the spec documents no 401 for need no credentials and are
 * asserted as such.
 *
 * Adding an operation to the spec fails "has a row for every operation" until it has a row.
 * To add one, put an `OperationRow` in the feature area's file under
 * src/__testUtils__/authMatrix/ (incidentOperations.ts, pagingOperations.ts,
 * onCallOperations.ts, serviceOperations.ts): its `operation` as the spec writes it
 * (`POST /incidents/{idOrRef}/responders`), its `access` (`read` is refused to mallory,
 * `change` to mallory and the read-only viewer), the status alice's request gets, and a
 * `prepare` that makes what the request needs through `MatrixSetup` (as alice) and answers
 * the path and body.
 */

jest.setTimeout(120_000);

const databases = testDatabases();

const tally = new RequestTally(
  'Auth matrix (mock credentials, every database)',
);

describe('the auth matrix', () => {
  const documented = specOperations();

  it('has a row for every operation of the spec, and none for others', () => {
    const rows = operationMatrix.map(row => row.operation).sort();
    expect(rows).toEqual(documented.map(o => o.operation).sort());
    expect(new Set(rows).size).toBe(rows.length);
  });

  it('needs credentials exactly where the spec documents 401', () => {
    const publicRows = operationMatrix
      .filter(row => row.access === 'public')
      .map(row => row.operation);
    const documentedPublic = documented
      .filter(o => !o.needsCredentials)
      .map(o => o.operation);
    expect(publicRows.sort()).toEqual(documentedPublic.sort());
  });

  it('expects 403 only where the spec documents it', () => {
    const forbidding = operationMatrix
      .filter(row => refusedUsers(row.access).length > 0)
      .map(row => row.operation);
    const undocumented = forbidding.filter(
      operation =>
        !documented.some(o => o.operation === operation && o.mayBeForbidden),
    );
    expect(undocumented).toEqual([]);
  });
});

describe.each(databases.eachSupportedId())('the auth matrix on %s', id => {
  let knex: Knex;
  let server: FirebreakTestBackend['server'];
  let setup: MatrixSetup;

  beforeAll(async () => {
    knex = await databases.init(id);
    ({ server } = await startFirebreak({
      knex,
      now: () => new Date(MATRIX_NOW),
    }));
    setup = new MatrixSetup(server, tally);
  });

  async function send(
    row: OperationRow,
    { path, body }: MatrixRequest,
    caller: string,
  ) {
    let req = request(server)[methodOf(row)](`/api/firebreak${path}`);
    if (caller !== 'nobody') {
      req = req.set('Authorization', as(caller));
    }
    const res = await req.send(body);
    tally.record(row.operation, res.status);
    return res.status;
  }

  it.each(operationMatrix)('$operation ($access)', async row => {
    const prepared = await row.prepare(setup);
    const before = await snapshotDatabase(knex);
    const expected = callsOf(row);
    const observed: MatrixCall[] = [];
    for (const call of expected) {
      const status = await send(
        row,
        call.request === 'prepared' ? prepared : row.wrongCredential!(prepared),
        call.caller,
      );
      const changes =
        call.changes === undefined
          ? {}
          : {
              changes: !isDeepStrictEqual(await snapshotDatabase(knex), before),
            };
      observed.push({ ...call, status, ...changes });
    }
    expect(observed).toEqual(expected);
  });
});

afterAll(() => {
  // Figures for docs/reliability.md.
  // eslint-disable-next-line no-console
  console.log(tally.summary());
});
