import { AuthService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { Knex } from 'knex';
import request from 'supertest';
import {
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import {
  MATRIX_NOW,
  MatrixSetup,
  methodOf,
  OperationRow,
  operationMatrix,
  realAuthentication,
  RequestTally,
  snapshotDatabase,
  TestTokenIssuer,
} from '../__testUtils__/authMatrix';

/*
 * Forged and unsigned tokens against Backstage's real token verification (the auth and
 * httpAuth services of @backstage/backend-defaults), not the mock httpAuth of the other
 * tests: every operation that needs credentials refuses each of them with 401 and changes
 * nothing, and answers a real token of the same user.
 *
 * SQLite only: tokens are verified before the plugin reads or writes anything, and what the
 * auth service keeps in the database (the plugin's signing keys) is Backstage's own code,
 * tested by Backstage. How each database answers the permitted and refused requests is
 * authMatrix.test.ts's job.
 */

jest.setTimeout(120_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3'] });

const tally = new RequestTally(
  'Forged tokens (real token verification, SQLite)',
);

const bearer = (token: string) => `Bearer ${token}`;

describe('real token verification', () => {
  const issuer = new TestTokenIssuer();
  let knex: Knex;
  let server: FirebreakTestBackend['server'];
  let firebreakAuth: AuthService;
  let setup: MatrixSetup;
  /** A plugin token the backend's own auth service issued on behalf of alice. */
  let aliceThroughPlugin: string;

  beforeAll(async () => {
    knex = await databases.init('SQLITE_3');
    const real = realAuthentication(issuer);
    ({ server } = await startFirebreak({
      knex,
      now: () => new Date(MATRIX_NOW),
      authentication: real.features,
    }));
    firebreakAuth = await real.firebreakAuth;
    setup = new MatrixSetup(
      server,
      tally,
      bearer(issuer.userToken(users.alice)),
    );
    const alice = await firebreakAuth.authenticate(
      issuer.userToken(users.alice),
    );
    ({ token: aliceThroughPlugin } = await firebreakAuth.getPluginRequestToken({
      onBehalfOf: alice,
      targetPluginId: 'firebreak',
    }));
  });

  /** Authorization headers the backend must refuse, each claiming to be alice. */
  const forgedHeaders = (): [string, string][] => [
    ['alg none', bearer(issuer.unsignedUserToken(users.alice))],
    [
      'signed by an unknown key with the real key id',
      bearer(issuer.userTokenSignedWithUnknownKey(users.alice)),
    ],
    [
      'signed by an unknown key with an unknown key id',
      bearer(issuer.userTokenSignedWithUnknownKey(users.alice, 'unknown-kid')),
    ],
    [
      'HS256 with the public key as secret',
      bearer(issuer.userTokenWithConfusedAlgorithm(users.alice)),
    ],
    ['expired', bearer(issuer.expiredUserToken(users.alice))],
    [
      "the viewer's real token, its subject changed to alice",
      bearer(issuer.tampered(issuer.userToken(users.viewer), users.alice)),
    ],
    [
      'a plugin token as firebreak, signed by an unknown key',
      bearer(
        issuer.pluginTokenSignedWithUnknownKey(
          'firebreak',
          'firebreak',
          users.alice,
        ),
      ),
    ],
    [
      'the mock token the other tests use',
      `Bearer mock-user-token:${JSON.stringify({ sub: users.alice })}`,
    ],
    ['garbage', 'Bearer not.a.jwt'],
    ['a Bearer with nothing', 'Bearer '],
  ];

  async function send(
    row: OperationRow,
    path: string,
    body: object | undefined,
    authorization?: string,
  ) {
    let req = request(server)[methodOf(row)](`/api/firebreak${path}`);
    if (authorization !== undefined) {
      req = req.set('Authorization', authorization);
    }
    const res = await req.send(body);
    tally.record(row.operation, res.status);
    return res;
  }

  const guarded = operationMatrix.filter(row => row.access !== 'public');

  it.each(guarded)('$operation refuses forged tokens', async row => {
    const { path, body } = await row.prepare(setup);
    const before = await snapshotDatabase(knex);
    for (const [token, header] of forgedHeaders()) {
      const res = await send(row, path, body, header);
      expect({ token, status: res.status }).toEqual({ token, status: 401 });
    }
    expect(await snapshotDatabase(knex)).toEqual(before);

    // The control: a real token for the same user, from the backend's own auth service.
    const permitted = await send(row, path, body, bearer(aliceThroughPlugin));
    expect(permitted.status).toBe(row.permitted);
  });

  it.each(operationMatrix.filter(row => row.access === 'public'))(
    '$operation needs no credentials',
    async row => {
      const { path, body } = await row.prepare(setup);
      expect((await send(row, path, body)).status).toBe(row.permitted);
    },
  );

  it("acts as the user of a real user token, and as the user a plugin token's on behalf of", async () => {
    const declare: OperationRow = operationMatrix.find(
      r => r.operation === 'POST /incidents',
    )!;
    const { path, body } = await declare.prepare(setup);
    for (const [userRef, header] of [
      [users.bob, bearer(issuer.userToken(users.bob))],
      [users.alice, bearer(aliceThroughPlugin)],
    ]) {
      const res = await send(declare, path, body, header);
      expect(res.status).toBe(201);
      const timeline = await setup.send(
        'get',
        `/incidents/${res.body.id}/timeline`,
      );
      expect(timeline.items[0]).toMatchObject({
        type: 'declared',
        actorRef: userRef,
      });
    }
  });

  it("takes the plugin's own service token, and leaves real users to the policy", async () => {
    const list: OperationRow = operationMatrix.find(
      r => r.operation === 'GET /incidents',
    )!;
    const { token } = await firebreakAuth.getPluginRequestToken({
      onBehalfOf: await firebreakAuth.getOwnServiceCredentials(),
      targetPluginId: 'firebreak',
    });
    expect(
      (await send(list, '/incidents', undefined, bearer(token))).status,
    ).toBe(200);
    // A genuine token of someone the policy refuses is refused by the policy: 403, not 401.
    const mallory = bearer(issuer.userToken(users.mallory));
    expect((await send(list, '/incidents', undefined, mallory)).status).toBe(
      403,
    );
  });
});

afterAll(() => {
  // Figures for docs/reliability.md.
  // eslint-disable-next-line no-console
  console.log(tally.summary());
});
