import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import { callApi, startFirebreak } from '../__testUtils__/firebreakTestBackend';

// What the OpenAPI fuzz test (fuzz.test.ts) found, one regression test each: answers that
// were a 5xx, a 4xx naming no field, or a status the spec does not document.

jest.setTimeout(60_000);

const databases = TestDatabases.create({ ids: ['SQLITE_3', 'POSTGRES_15'] });

const sev2 = {
  title: 'Elevated 5xx from payments API',
  severity: 'SEV2',
  entityRefs: ['component:default/payments-api'],
};

describe.each(databases.eachSupportedId())(
  'answers the fuzz found on %s',
  id => {
    async function start() {
      const knex = await databases.init(id);
      const { server } = await startFirebreak({ knex });
      const call = (method: 'get' | 'post' | 'patch', path: string) =>
        callApi(server, method, path);
      return { server, call };
    }

    it('names the body when it is not JSON, and reads no body where the spec takes none', async () => {
      const { call } = await start();
      const malformed = await call('post', '/incidents')
        .set('Content-Type', 'application/json')
        .send('{"title": ');
      expect(malformed.status).toBe(400);
      expect(malformed.body.error.message).toBe(
        'body: must be a JSON document',
      );

      const charset = await call('post', '/incidents')
        .set('Content-Type', 'application/json; charset=latin1')
        .send(JSON.stringify(sev2));
      expect(charset.status).toBe(400);
      expect(charset.body.error.message).toMatch(/^body: cannot be read/);

      expect((await call('post', '/incidents').send(sev2)).status).toBe(201);
      // Acknowledging takes no body: a broken one is not read, so it cannot fail the request.
      const acknowledged = await call('post', '/incidents/INC-1/acknowledge')
        .set('Content-Type', 'application/json')
        .send('{');
      expect(acknowledged.status).toBe(200);
      const read = await call('get', '/incidents/INC-1')
        .set('Content-Type', 'application/json')
        .send('{');
      expect(read.status).toBe(200);
    });

    it('answers 404 for a reference beyond what the database holds, and finds it in no search', async () => {
      const { call } = await start();
      await call('post', '/incidents').send(sev2);
      for (const path of [
        '/incidents/INC-99999999999999999999',
        '/incidents/INC-2147483648/pages',
      ]) {
        const response = await call('get', path);
        expect(response.status).toBe(404);
      }
      const search = await call('get', '/incidents?q=INC-99999999999999999999');
      expect(search.status).toBe(200);
      expect(search.body.items).toEqual([]);
    });

    it('refuses the NUL character, which PostgreSQL cannot hold, naming the field', async () => {
      const { call } = await start();
      const path = await call('get', '/escalation-policies/%00');
      expect(path.status).toBe(404);
      const body = await call('post', '/incidents').send({
        ...sev2,
        entityRefs: ['component:default/payments-api', 'a\u0000b'],
      });
      expect(body.status).toBe(400);
      expect(body.body.error.message).toBe(
        'entityRefs[1]: must not contain the NUL character',
      );
      const query = await call('get', '/incidents?q=%00');
      expect(query.body.error.message).toBe(
        'q: must not contain the NUL character',
      );
      // A parameter the operation does not read is ignored, NUL or not.
      expect((await call('get', '/incidents?other=%00')).status).toBe(200);
    });

    it('answers 404 for a path that is not valid percent-encoding', async () => {
      const { call } = await start();
      const response = await call('get', '/schedules/%ZZ');
      expect(response.status).toBe(404);
      expect(response.body.error.name).toBe('NotFoundError');
    });

    it('names the field of a bad cursor, a bad ref in a batch, and a bad feed file', async () => {
      const { call } = await start();
      const cursor = await call('get', '/incidents?cursor=%20');
      expect(cursor.body.error.message).toBe(
        'cursor: must be a cursor this API returned',
      );
      const batch = await call('post', '/oncall/query').send({
        entityRefs: ['component:default/ledger', 'b9^.5ed%'],
      });
      expect(batch.status).toBe(400);
      expect(batch.body.error.message).toBe(
        "entityRefs[1]: 'b9^.5ed%' is not an entity ref",
      );
      const one = await call('post', '/oncall/query').send({
        entityRefs: ['b9^.5ed%'],
      });
      expect(one.body.error.message).toMatch(/^entityRefs\[0\]: /);
      const single = await call('get', '/oncall?entityRef=b9%5E.5ed%25');
      expect(single.body.error.message).toMatch(/^entityRef: /);
      const feed = await call('get', '/calendar/feed.txt');
      expect(feed.status).toBe(400);
      expect(feed.body.error.message).toBe('file: must be <token>.ics');
    });

    it('names the incident when a resolved one is escalated', async () => {
      const { call } = await start();
      await call('post', '/incidents').send(sev2);
      const resolved = await call('patch', '/incidents/INC-1').send({
        version: 1,
        status: 'resolved',
      });
      expect(resolved.status).toBe(200);
      const escalated = await call('post', '/incidents/INC-1/escalate');
      expect(escalated.status).toBe(400);
      expect(escalated.body.error.message).toBe(
        'idOrRef: INC-1 is resolved; reopen it to page anyone',
      );
    });

    it('answers 403 when a service asks for its own shifts, which only people have', async () => {
      const { server } = await start();
      const response = await request(server)
        .get('/api/firebreak/oncall/me/shifts')
        .set('Authorization', mockCredentials.service.header());
      expect(response.status).toBe(403);
      expect(response.body.error.name).toBe('NotAllowedError');
    });

    it('takes an empty status list as no filter, as the spec says', async () => {
      const { call } = await start();
      await call('post', '/incidents').send(sev2);
      const response = await call('get', '/incidents?status=');
      expect(response.status).toBe(200);
      expect(response.body.items).toHaveLength(1);
    });

    it('refuses a blank status item, which is not a status, naming the parameter', async () => {
      const { call } = await start();
      for (const query of ['status=%09%0A%20', 'status=open,,resolved']) {
        const response = await call('get', `/incidents?${query}`);
        expect(response.status).toBe(400);
        expect(response.body.error.message).toMatch(/^status/);
      }
    });
  },
);
