import request from 'supertest';
import { as, users } from './firebreakTestBackend';
import { declare, sev2 } from './incidentRequests';

/** Requests of the postmortem tests, as alice unless another user is named. */
export function postmortemRequests(server: any) {
  const api = (path: string) => `/api/firebreak${path}`;
  return {
    declare: async (body: object = sev2) => (await declare(server, body)).body,
    patchIncident: (id: string, body: object, user = users.alice) =>
      request(server)
        .patch(api(`/incidents/${id}`))
        .set('Authorization', as(user))
        .send(body),
    start: (idOrRef: string, user = users.alice) =>
      request(server)
        .post(api(`/incidents/${idOrRef}/postmortem`))
        .set('Authorization', as(user)),
    ofIncident: (idOrRef: string, user = users.alice) =>
      request(server)
        .get(api(`/incidents/${idOrRef}/postmortem`))
        .set('Authorization', as(user)),
    get: (id: string, user = users.alice) =>
      request(server)
        .get(api(`/postmortems/${id}`))
        .set('Authorization', as(user)),
    patch: (id: string, body: object, user = users.alice) =>
      request(server)
        .patch(api(`/postmortems/${id}`))
        .set('Authorization', as(user))
        .send(body),
    approve: (id: string, version: number, user = users.bob) =>
      request(server)
        .post(api(`/postmortems/${id}/approvals`))
        .set('Authorization', as(user))
        .send({ version }),
    /** GET /postmortems/{id} with an Accept header, such as `text/markdown`. */
    getAccepting: (id: string, accept: string, user = users.viewer) =>
      request(server)
        .get(api(`/postmortems/${id}`))
        .set('Authorization', as(user))
        .set('Accept', accept),
    attach: (
      id: string,
      body: { incidentRef: string; version: number },
      user = users.alice,
    ) =>
      request(server)
        .post(api(`/postmortems/${id}/incidents`))
        .set('Authorization', as(user))
        .send(body),
    detach: (id: string, idOrRef: string, user = users.alice) =>
      request(server)
        .delete(api(`/postmortems/${id}/incidents/${idOrRef}`))
        .set('Authorization', as(user)),
    note: (idOrRef: string, text: string) =>
      request(server)
        .post(api(`/incidents/${idOrRef}/timeline`))
        .set('Authorization', as(users.alice))
        .send({ type: 'note', text }),
    exportMarkdown: (id: string, user = users.viewer) =>
      request(server)
        .get(api(`/postmortems/${id}/export`))
        .set('Authorization', as(user)),
    timeline: async (id: string) =>
      (
        await request(server)
          .get(api(`/incidents/${id}/timeline`))
          .set('Authorization', as(users.alice))
      ).body.items as Array<{ id: string; type: string; data: any }>,
  };
}
