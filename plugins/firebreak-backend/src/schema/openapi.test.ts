import express from 'express';
import { execFileSync } from 'node:child_process';
import { createServer } from 'node:http';
import path from 'node:path';
import request from 'supertest';
import {
  checkExchangesAgainstSpec,
  coveredSpecResponses,
  documentedResponses,
  takeSpecViolations,
} from '../__testUtils__/openApiConformance';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const sev2 = {
  title: 'Elevated 5xx from payments API',
  severity: 'SEV2',
  entityRefs: ['component:default/payments-api'],
};

describe('the OpenAPI spec', () => {
  it('is what the generated router types were made from', () => {
    const root = path.resolve(__dirname, '../../../..');
    // Throws, with the stale files on stderr, when someone changed one without the other.
    expect(() =>
      execFileSync(
        process.execPath,
        [
          path.join(root, 'scripts/generate-openapi.js'),
          '--check',
          path.resolve(__dirname, '../..'),
        ],
        { stdio: 'pipe' },
      ),
    ).not.toThrow();
  });

  it('has a conformance check that notices when the API does something else', async () => {
    // A stand-in for the plugin that breaks the spec in each way the check looks for.
    const app = express();
    app.use(express.json());
    app.get('/api/firebreak/incidents/:id', (req, res) => {
      if (req.params.id === 'teapot') res.status(418).json({});
      else res.json({ id: 1, ref: 'INC-1' });
    });
    app.post('/api/firebreak/incidents', (_req, res) => {
      res.status(201).json({ ...sev2 });
    });
    app.get('/api/firebreak/undocumented', (_req, res) => {
      res.json({});
    });
    const server = createServer(app);
    checkExchangesAgainstSpec(server);

    await request(server).get('/api/firebreak/incidents/INC-1');
    await request(server).get('/api/firebreak/incidents/teapot');
    await request(server).post('/api/firebreak/incidents').send({ title: 5 });
    await request(server).get('/api/firebreak/undocumented');
    await new Promise(resolve => setImmediate(resolve));

    const problems = takeSpecViolations().map(
      v => `${v.request}: ${v.problem}`,
    );
    expect(problems).toEqual([
      expect.stringMatching(
        /^GET \/api\/firebreak\/incidents\/INC-1 → 200: the response body does not match the spec:.*\/id must be string/,
      ),
      'GET /api/firebreak/incidents/teapot → 418: status 418 is not documented',
      expect.stringMatching(
        /^POST \/api\/firebreak\/incidents → 201: the response body does not match the spec/,
      ),
      expect.stringMatching(
        /^POST \/api\/firebreak\/incidents → 201: the request body was accepted but the spec forbids it:.*\/title must be string/,
      ),
      'GET /api/firebreak/undocumented → 200: the path is not in the spec',
    ]);
  });
});

describe.each(databases.eachSupportedId())('the API on %s', id => {
  it('gives every documented response, each as the spec says', async () => {
    const knex = await databases.init(id);
    const { server } = await startFirebreak({ knex });
    const api = (user?: string) => {
      const call = (
        method: 'get' | 'post' | 'patch' | 'delete',
        url: string,
      ) => {
        const req = request(server)[method](`/api/firebreak${url}`);
        return user ? req.set('Authorization', as(user)) : req;
      };
      return {
        get: (url: string) => call('get', url),
        post: (url: string, body: object) => call('post', url).send(body),
        patch: (url: string, body: object) => call('patch', url).send(body),
        /** A POST without a body, as joining is. */
        act: (url: string) => call('post', url),
        delete: (url: string) => call('delete', url),
      };
    };
    const alice = api(users.alice);
    const bob = api(users.bob);
    const nobody = api();
    const mallory = api(users.mallory);
    const note = { type: 'note', text: 'Pool exhausted', tag: 'observation' };

    const statuses = [
      (await nobody.get('/health')).status,
      (await alice.get('/settings')).status,
      (await nobody.get('/settings')).status,

      (await alice.post('/incidents', sev2).set('Idempotency-Key', 'k1'))
        .status,
      (await alice.post('/incidents', sev2).set('Idempotency-Key', 'k1'))
        .status,
      (
        await alice
          .post('/incidents', { ...sev2, title: 'Another' })
          .set('Idempotency-Key', 'k1')
      ).status,
      (await alice.post('/incidents', { ...sev2, title: '' })).status,
      (await nobody.post('/incidents', sev2)).status,
      (await mallory.post('/incidents', sev2)).status,

      (await alice.get('/incidents?status=investigating,resolved&limit=5'))
        .status,
      (await alice.get('/incidents?limit=0')).status,
      (await nobody.get('/incidents')).status,
      (await mallory.get('/incidents')).status,

      (await alice.get('/incidents/INC-1')).status,
      (await alice.get('/incidents/INC-99')).status,
      (await nobody.get('/incidents/INC-1')).status,
      (await mallory.get('/incidents/INC-1')).status,

      (
        await alice.patch('/incidents/INC-1', {
          version: 1,
          status: 'identified',
        })
      ).status,
      (await alice.patch('/incidents/INC-1', { version: 1, title: 'Stale' }))
        .status,
      (await alice.patch('/incidents/INC-1', { version: 2, status: 'done' }))
        .status,
      (await alice.patch('/incidents/INC-99', { version: 1, title: 'x' }))
        .status,
      (await nobody.patch('/incidents/INC-1', { version: 2, title: 'x' }))
        .status,
      (await mallory.patch('/incidents/INC-1', { version: 2, title: 'x' }))
        .status,

      (await alice.post('/incidents/INC-1/timeline', note)).status,
      (
        await alice.post('/incidents/INC-1/timeline', {
          type: 'status_update',
          text: 'Payments fail for some',
          audience: 'external',
          nextUpdateAt: '2999-01-01T00:00:00.000Z',
        })
      ).status,
      (await alice.post('/incidents/INC-1/timeline', { type: 'note' })).status,
      (await alice.post('/incidents/INC-99/timeline', note)).status,
      (await nobody.post('/incidents/INC-1/timeline', note)).status,
      (await mallory.post('/incidents/INC-1/timeline', note)).status,

      (await alice.get('/incidents/INC-1/timeline')).status,
      (await alice.get('/incidents/INC-99/timeline')).status,
      (await nobody.get('/incidents/INC-1/timeline')).status,
      (await mallory.get('/incidents/INC-1/timeline')).status,

      (await bob.act('/incidents/INC-1/responders')).status,
      (await bob.act('/incidents/INC-1/responders')).status,
      (await bob.act('/incidents/INC-99/responders')).status,
      (await nobody.act('/incidents/INC-1/responders')).status,
      (await mallory.act('/incidents/INC-1/responders')).status,

      (await bob.delete('/incidents/INC-1/responders/me')).status,
      // Alice commands INC-1: she hands command over before leaving.
      (await alice.delete('/incidents/INC-1/responders/me')).status,
      (await bob.delete('/incidents/INC-99/responders/me')).status,
      (await nobody.delete('/incidents/INC-1/responders/me')).status,
      (await mallory.delete('/incidents/INC-1/responders/me')).status,
    ];
    expect(statuses).toEqual([
      200, 200, 401, 201, 200, 422, 400, 401, 403, 200, 400, 401, 403, 200, 404,
      401, 403, 200, 409, 400, 404, 401, 403, 201, 201, 400, 404, 401, 403, 200,
      404, 401, 403, 201, 200, 404, 401, 403, 200, 409, 404, 401, 403,
    ]);

    // Each response above was checked against the spec as it happened (the afterEach of
    // openApiConformance fails this test if one did not match); and together they are
    // every response the spec documents for incidents (on-call has its own such test).
    await new Promise(resolve => setImmediate(resolve));
    const tags = ['service', 'incidents'];
    expect(coveredSpecResponses(tags)).toEqual(documentedResponses(tags));
  });

  it('rejects what the spec forbids with a 400 that names the field', async () => {
    const knex = await databases.init(id);
    const { server } = await startFirebreak({ knex });
    const declare = (body: object, key?: string) => {
      const req = request(server)
        .post('/api/firebreak/incidents')
        .set('Authorization', as(users.alice));
      return (key ? req.set('Idempotency-Key', key) : req).send(body);
    };
    const rejections = [
      [{ ...sev2, entityRefs: [] }, undefined],
      [{ ...sev2, title: 42 }, undefined],
      [{ severity: 'SEV2', entityRefs: sev2.entityRefs }, undefined],
      [{ ...sev2, startedAt: 'yesterday' }, undefined],
      [sev2, 'k'.repeat(256)],
    ] as const;
    const messages = [];
    for (const [body, key] of rejections) {
      const response = await declare(body, key);
      expect(response.status).toBe(400);
      messages.push(response.body.error.message);
    }
    expect(messages).toEqual([
      'entityRefs: name at least one impacted entity',
      'title: Invalid input: expected string, received number',
      'title: is required',
      'startedAt: must be an ISO 8601 instant',
      'Idempotency-Key: must be 1 to 255 characters',
    ]);
    // Nothing was declared along the way.
    const list = await request(server)
      .get('/api/firebreak/incidents')
      .set('Authorization', as(users.alice));
    expect(list.body.items).toEqual([]);
  });

  it('serves the spec at /openapi.json', async () => {
    const knex = await databases.init(id);
    const { server } = await startFirebreak({ knex });
    const response = await request(server)
      .get('/api/firebreak/openapi.json')
      .set('Authorization', as(users.alice));
    expect(response.status).toBe(200);
    expect(response.body.openapi).toBe('3.1.0');
    expect(response.body.servers).toEqual([{ url: '/api/firebreak' }]);
    expect(Object.keys(response.body.paths)).toContain('/incidents');
  });
});
