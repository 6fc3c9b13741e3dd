import { FirebreakApi } from '../FirebreakApi';
import { FirebreakHttp, isResponseStatus, queryOf, segment } from './http';

/** Runbooks: an entity's list, stored runbooks and their versions, the incident's checklists. */
export function runbookRequests(http: FirebreakHttp) {
  return {
    listEntityRunbooks: async (entityRef, filter = {}) =>
      http.json(`/runbooks${queryOf({ entityRef, ...filter })}`),
    getRunbook: async (id, version) =>
      http.json(
        version === undefined
          ? `/runbooks/${segment(id)}`
          : `/runbooks/${segment(id)}/versions/${version}`,
      ),
    createRunbook: async request =>
      http.json('/runbooks', { method: 'POST', body: request }),
    updateRunbook: async (id, request) =>
      http.json(`/runbooks/${segment(id)}`, { method: 'PUT', body: request }),
    listRunbookVersions: async id =>
      http.json(`/runbooks/${segment(id)}/versions`),
    getIncidentRunbooks: async incidentIdOrRef =>
      http.json(`/incidents/${segment(incidentIdOrRef)}/runbooks`),
    tickRunbookStep: async (incidentIdOrRef, request) =>
      http.json(`/incidents/${segment(incidentIdOrRef)}/runbook-steps`, {
        method: 'POST',
        body: request,
      }),
  } satisfies Partial<FirebreakApi>;
}

/** Postmortems: the incident's, editing, review, the incidents covered, and export. */
export function postmortemRequests(http: FirebreakHttp) {
  return {
    getIncidentPostmortem: async incidentIdOrRef => {
      try {
        return await http.json(
          `/incidents/${segment(incidentIdOrRef)}/postmortem`,
        );
      } catch (e) {
        if (isResponseStatus(e, 404)) return undefined;
        throw e;
      }
    },
    startPostmortem: async incidentIdOrRef =>
      http.json(`/incidents/${segment(incidentIdOrRef)}/postmortem`, {
        method: 'POST',
      }),
    getPostmortem: async id => http.json(`/postmortems/${segment(id)}`),
    updatePostmortem: async (id, request) =>
      http.json(`/postmortems/${segment(id)}`, {
        method: 'PATCH',
        body: request,
      }),
    approvePostmortem: async (id, version) =>
      http.json(`/postmortems/${segment(id)}/approvals`, {
        method: 'POST',
        body: { version },
      }),
    attachPostmortemIncident: async (id, incidentRef, version) =>
      http.json(`/postmortems/${segment(id)}/incidents`, {
        method: 'POST',
        body: { incidentRef, version },
      }),
    detachPostmortemIncident: async (id, incidentIdOrRef) =>
      http.json(
        `/postmortems/${segment(id)}/incidents/${segment(incidentIdOrRef)}`,
        { method: 'DELETE' },
      ),
    exportPostmortem: async id =>
      http.text(`/postmortems/${segment(id)}/export`, 'text/markdown'),
  } satisfies Partial<FirebreakApi>;
}

/** Action items (follow-ups). */
export function actionItemRequests(http: FirebreakHttp) {
  return {
    listActionItems: async (request = {}) =>
      http.json(
        `/action-items${queryOf({
          entityRef: request.entityRef,
          ownerRef: request.ownerRef,
          incidentRef: request.incidentRef,
          runbookId: request.runbookId,
          status: request.status?.join(','),
          overdue: request.overdue ? 'true' : undefined,
          limit: request.limit?.toString(),
          cursor: request.cursor,
        })}`,
      ),
    createActionItem: async request =>
      http.json('/action-items', { method: 'POST', body: request }),
    updateActionItem: async (id, request) =>
      http.json(`/action-items/${segment(id)}`, {
        method: 'PATCH',
        body: request,
      }),
    createActionItemTicket: async (id, version) =>
      http.json(`/action-items/${segment(id)}/ticket`, {
        method: 'POST',
        body: { version },
      }),
    listPostmortemActionItems: async postmortemId =>
      http.json(`/action-items${queryOf({ postmortemId })}`),
  } satisfies Partial<FirebreakApi>;
}
