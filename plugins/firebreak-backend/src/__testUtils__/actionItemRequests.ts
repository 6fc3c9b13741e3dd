import { callApi } from './firebreakTestBackend';

/** Sends a request to the API as a user (alice unless named). */
export const call = callApi;

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
