import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import {
  MATRIX_NOW,
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

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

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
    for (const { operation, needsCredentials } of documented) {
      const row = operationMatrix.find(r => r.operation === operation);
      expect({ operation, public: row?.access === 'public' }).toEqual({
        operation,
        public: !needsCredentials,
      });
    }
  });

  it('expects 403 only where the spec documents it', () => {
    for (const { operation, mayBeForbidden } of documented) {
      const row = operationMatrix.find(r => r.operation === operation);
      if (row && refusedUsers(row.access).length > 0) {
        expect({ operation, mayBeForbidden }).toEqual({
          operation,
          mayBeForbidden: true,
        });
      }
    }
  });
});

describe.each(databases.eachSupportedId())('the auth matrix on %s', id => {
  let knex: Knex;
  let server: Awaited<ReturnType<typeof startFirebreak>>['server'];
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
    user?: string,
  ) {
    let req = request(server)[methodOf(row)](`/api/firebreak${path}`);
    if (user) {
      req = req.set('Authorization', as(user));
    }
    const res = await req.send(body);
    tally.record(row.operation, res.status);
    return res.status;
  }

  it.each(operationMatrix)('$operation ($access)', async row => {
    const prepared = await row.prepare(setup);
    const before = await snapshotDatabase(knex);
    const unchanged = async (caller: string) =>
      expect({ caller, database: await snapshotDatabase(knex) }).toEqual({
        caller,
        database: before,
      });

    if (row.access === 'public') {
      if (row.wrongCredential) {
        const wrong = row.wrongCredential(prepared);
        expect(await send(row, wrong)).toBe(404);
      }
    } else {
      expect(await send(row, prepared)).toBe(401);
      await unchanged('nobody');
      for (const user of refusedUsers(row.access)) {
        expect({ user, status: await send(row, prepared, user) }).toEqual({
          user,
          status: 403,
        });
        await unchanged(user);
      }
    }
    if (row.access === 'signedIn') {
      // No permission guards it: even mallory, whom the policy refuses everything, may.
      expect(await send(row, prepared, users.mallory)).toBe(row.permitted);
    }

    const permittedUser = row.access === 'public' ? undefined : users.alice;
    expect(await send(row, prepared, permittedUser)).toBe(row.permitted);
    if (row.access === 'change') {
      // The comparisons above can see a change: the permitted request made one.
      expect(await snapshotDatabase(knex)).not.toEqual(before);
    }
  });
});

afterAll(() => {
  // Figures for docs/reliability.md.
  // eslint-disable-next-line no-console
  console.log(tally.summary());
});
