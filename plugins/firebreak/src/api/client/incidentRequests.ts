import { FirebreakApi } from '../FirebreakApi';
import { FirebreakHttp, queryOf, segment } from './http';

/** Incidents: lists, the incident, its timeline, responders, paging and settings. */
export function incidentRequests(http: FirebreakHttp) {
  return {
    listIncidents: async (request = {}) =>
      http.json(
        `/incidents${queryOf({
          entityRef: request.entityRef,
          status: request.status?.join(','),
          severity: request.severity?.join(','),
          q: request.q,
          from: request.from,
          to: request.to,
          limit: request.limit?.toString(),
          cursor: request.cursor,
        })}`,
      ),
    getIncident: async idOrRef => http.json(`/incidents/${segment(idOrRef)}`),
    declareIncident: async request =>
      http.json('/incidents', { method: 'POST', body: request }),
    updateIncident: async (id, request) =>
      http.json(`/incidents/${segment(id)}`, {
        method: 'PATCH',
        body: request,
      }),
    getTimeline: async idOrRef =>
      http.json(`/incidents/${segment(idOrRef)}/timeline`),
    postToTimeline: async (idOrRef, request) =>
      http.json(`/incidents/${segment(idOrRef)}/timeline`, {
        method: 'POST',
        body: request,
      }),
    joinIncident: async idOrRef =>
      http.json(`/incidents/${segment(idOrRef)}/responders`, {
        method: 'POST',
      }),
    leaveIncident: async idOrRef =>
      http.json(`/incidents/${segment(idOrRef)}/responders/me`, {
        method: 'DELETE',
      }),
    getSettings: async () => http.json('/settings'),
    listPages: async incidentIdOrRef =>
      http.json(`/incidents/${segment(incidentIdOrRef)}/pages`),
    acknowledgeIncident: async incidentIdOrRef =>
      http.json(`/incidents/${segment(incidentIdOrRef)}/acknowledge`, {
        method: 'POST',
        body: {},
      }),
    escalateIncident: async incidentIdOrRef =>
      http.json(`/incidents/${segment(incidentIdOrRef)}/escalate`, {
        method: 'POST',
        body: {},
      }),
  } satisfies Partial<FirebreakApi>;
}
