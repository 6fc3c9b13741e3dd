import request from 'supertest';
import { as, users } from './firebreakTestBackend';

/** Sends a request to the API as a user (alice unless named). */
export function call(
  server: any,
  method: 'get' | 'post' | 'patch',
  path: string,
  body?: object,
  user: string = users.alice,
) {
  const req = request(server)
    [method](`/api/firebreak${path}`)
    .set('Authorization', as(user));
  return body ? req.send(body) : req;
}

/** Declares a SEV on the payments API as alice and resolves it; answers the incident. */
export async function resolvedIncident(server: any, severity = 'SEV2') {
  const declared = await call(server, 'post', '/incidents', {
    title: 'Card payments fail',
    severity,
    entityRefs: ['component:default/payments-api'],
  });
  expect(declared.status).toBe(201);
  const resolved = await call(
    server,
    'patch',
    `/incidents/${declared.body.id}`,
    {
      version: declared.body.version,
      status: 'resolved',
    },
  );
  expect(resolved.status).toBe(200);
  return resolved.body;
}
