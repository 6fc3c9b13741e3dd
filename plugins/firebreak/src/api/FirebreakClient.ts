import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  ActionItem,
  CreateRunbookRequest,
  EntityRunbook,
  IncidentRunbooks,
  Runbook,
  RunbookStepRequest,
  RunbookVersionSummary,
  UpdateRunbookRequest,
  EscalationPolicy,
  Incident,
  IncidentSummary,
  MyShift,
  OnCallPage,
  OnCallResponse,
  Page,
  PostmortemDetails,
  Schedule,
  ScheduleOverrideRecord,
  Shift,
  TimelineEvent,
  UpdatePostmortemRequest,
} from '@firebreak/backstage-plugin-common';
import {
  CreateActionItemRequest,
  CreateEscalationPolicyRequest,
  CreateScheduleRequest,
  DeclareIncidentRequest,
  FirebreakApi,
  FirebreakSettingsResponse,
  ListActionItemsRequest,
  ListIncidentsRequest,
  TimelinePostRequest,
  UpdateActionItemRequest,
  UpdateEscalationPolicyRequest,
  UpdateIncidentRequest,
  UpdateScheduleRequest,
} from './FirebreakApi';

const segment = encodeURIComponent;

function queryOf(values: Record<string, string | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/**
 * Talks to the Firebreak backend over HTTP.
 *
 * @public
 */
export class FirebreakClient implements FirebreakApi {
  private readonly discoveryApi: DiscoveryApi;
  private readonly fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.discoveryApi = options.discoveryApi;
    this.fetchApi = options.fetchApi;
  }

  // Action items (follow-ups)
  async listActionItems(
    request: ListActionItemsRequest = {},
  ): Promise<Page<ActionItem>> {
    return this.request(
      `/action-items${queryOf({
        entityRef: request.entityRef,
        ownerRef: request.ownerRef,
        incidentRef: request.incidentRef,
        status: request.status?.join(','),
        overdue: request.overdue ? 'true' : undefined,
        limit: request.limit?.toString(),
        cursor: request.cursor,
      })}`,
    );
  }

  async createActionItem(
    request: CreateActionItemRequest,
  ): Promise<ActionItem> {
    return this.request('/action-items', { method: 'POST', body: request });
  }

  async updateActionItem(
    id: string,
    request: UpdateActionItemRequest,
  ): Promise<ActionItem> {
    return this.request(`/action-items/${segment(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async listIncidents(
    request: ListIncidentsRequest = {},
  ): Promise<Page<IncidentSummary>> {
    const query = new URLSearchParams();
    if (request.entityRef) query.set('entityRef', request.entityRef);
    if (request.status?.length) query.set('status', request.status.join(','));
    if (request.severity?.length) {
      query.set('severity', request.severity.join(','));
    }
    if (request.q) query.set('q', request.q);
    if (request.from) query.set('from', request.from);
    if (request.to) query.set('to', request.to);
    if (request.limit) query.set('limit', String(request.limit));
    if (request.cursor) query.set('cursor', request.cursor);
    return this.request(`/incidents?${query}`);
  }

  async getIncident(idOrRef: string): Promise<Incident> {
    return this.request(`/incidents/${encodeURIComponent(idOrRef)}`);
  }

  async declareIncident(request: DeclareIncidentRequest): Promise<Incident> {
    return this.request('/incidents', { method: 'POST', body: request });
  }

  async updateIncident(
    id: string,
    request: UpdateIncidentRequest,
  ): Promise<Incident> {
    return this.request(`/incidents/${encodeURIComponent(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async getTimeline(idOrRef: string): Promise<{ items: TimelineEvent[] }> {
    return this.request(`/incidents/${encodeURIComponent(idOrRef)}/timeline`);
  }

  async postToTimeline(
    idOrRef: string,
    request: TimelinePostRequest,
  ): Promise<TimelineEvent> {
    return this.request(`/incidents/${encodeURIComponent(idOrRef)}/timeline`, {
      method: 'POST',
      body: request,
    });
  }

  async joinIncident(idOrRef: string): Promise<Incident> {
    return this.request(`/incidents/${segment(idOrRef)}/responders`, {
      method: 'POST',
    });
  }

  async leaveIncident(idOrRef: string): Promise<Incident> {
    return this.request(`/incidents/${segment(idOrRef)}/responders/me`, {
      method: 'DELETE',
    });
  }

  async getSettings(): Promise<FirebreakSettingsResponse> {
    return this.request('/settings');
  }

  async listPages(incidentIdOrRef: string): Promise<{ items: OnCallPage[] }> {
    return this.request(`/incidents/${segment(incidentIdOrRef)}/pages`);
  }

  async acknowledgeIncident(
    incidentIdOrRef: string,
  ): Promise<{ acknowledged: number; incident: Incident }> {
    return this.request(`/incidents/${segment(incidentIdOrRef)}/acknowledge`, {
      method: 'POST',
      body: {},
    });
  }

  async escalateIncident(
    incidentIdOrRef: string,
  ): Promise<{ escalated: number }> {
    return this.request(`/incidents/${segment(incidentIdOrRef)}/escalate`, {
      method: 'POST',
      body: {},
    });
  }

  async getOnCall(entityRef: string, at?: string): Promise<OnCallResponse> {
    return this.request(`/oncall${queryOf({ entityRef, at })}`);
  }

  async listSchedules(
    filter: { ownerRef?: string } = {},
  ): Promise<{ items: Schedule[] }> {
    return this.request(`/schedules${queryOf(filter)}`);
  }

  async getSchedule(id: string): Promise<Schedule> {
    return this.request(`/schedules/${segment(id)}`);
  }

  async createSchedule(request: CreateScheduleRequest): Promise<Schedule> {
    return this.request('/schedules', { method: 'POST', body: request });
  }

  async updateSchedule(
    id: string,
    request: UpdateScheduleRequest,
  ): Promise<Schedule> {
    return this.request(`/schedules/${segment(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async deleteSchedule(id: string): Promise<void> {
    await this.request(`/schedules/${segment(id)}`, { method: 'DELETE' });
  }

  async getScheduleShifts(
    id: string,
    from: string,
    to: string,
  ): Promise<Shift[]> {
    return this.request(
      `/schedules/${segment(id)}/shifts${queryOf({ from, to })}`,
    );
  }

  async addOverride(
    scheduleId: string,
    request: { userRef: string; start: string; end: string },
  ): Promise<ScheduleOverrideRecord> {
    return this.request(`/schedules/${segment(scheduleId)}/overrides`, {
      method: 'POST',
      body: request,
    });
  }

  async deleteOverride(scheduleId: string, overrideId: string): Promise<void> {
    await this.request(
      `/schedules/${segment(scheduleId)}/overrides/${segment(overrideId)}`,
      { method: 'DELETE' },
    );
  }

  async listEscalationPolicies(
    filter: { ownerRef?: string } = {},
  ): Promise<{ items: EscalationPolicy[] }> {
    return this.request(`/escalation-policies${queryOf(filter)}`);
  }

  async getEscalationPolicy(idOrName: string): Promise<EscalationPolicy> {
    return this.request(`/escalation-policies/${segment(idOrName)}`);
  }

  async createEscalationPolicy(
    request: CreateEscalationPolicyRequest,
  ): Promise<EscalationPolicy> {
    return this.request('/escalation-policies', {
      method: 'POST',
      body: request,
    });
  }

  async updateEscalationPolicy(
    id: string,
    request: UpdateEscalationPolicyRequest,
  ): Promise<EscalationPolicy> {
    return this.request(`/escalation-policies/${segment(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async deleteEscalationPolicy(id: string): Promise<void> {
    await this.request(`/escalation-policies/${segment(id)}`, {
      method: 'DELETE',
    });
  }

  async getMyShifts(
    range: { from?: string; to?: string } = {},
  ): Promise<{ items: MyShift[] }> {
    return this.request(`/oncall/me/shifts${queryOf(range)}`);
  }

  async getCalendarFeedUrl(scheduleId?: string): Promise<string> {
    const { path } = await this.request<{ path: string }>('/calendar/tokens', {
      method: 'POST',
      body: scheduleId ? { scheduleId } : {},
    });
    return `${await this.discoveryApi.getBaseUrl('firebreak')}${path}`;
  }

  async rotateCalendarFeedUrl(scheduleId?: string): Promise<string> {
    const { path } = await this.request<{ path: string }>(
      '/calendar/tokens/rotate',
      { method: 'POST', body: scheduleId ? { scheduleId } : {} },
    );
    return `${await this.discoveryApi.getBaseUrl('firebreak')}${path}`;
  }

  // Runbooks
  async listEntityRunbooks(
    entityRef: string,
    filter: { severity?: string } = {},
  ): Promise<{ items: EntityRunbook[] }> {
    return this.request(`/runbooks${queryOf({ entityRef, ...filter })}`);
  }

  async getRunbook(id: string, version?: number): Promise<Runbook> {
    return this.request(
      version === undefined
        ? `/runbooks/${segment(id)}`
        : `/runbooks/${segment(id)}/versions/${version}`,
    );
  }

  async createRunbook(request: CreateRunbookRequest): Promise<Runbook> {
    return this.request('/runbooks', { method: 'POST', body: request });
  }

  async updateRunbook(
    id: string,
    request: UpdateRunbookRequest,
  ): Promise<Runbook> {
    return this.request(`/runbooks/${segment(id)}`, {
      method: 'PUT',
      body: request,
    });
  }

  async listRunbookVersions(
    id: string,
  ): Promise<{ items: RunbookVersionSummary[] }> {
    return this.request(`/runbooks/${segment(id)}/versions`);
  }

  async getIncidentRunbooks(
    incidentIdOrRef: string,
  ): Promise<IncidentRunbooks> {
    return this.request(`/incidents/${segment(incidentIdOrRef)}/runbooks`);
  }

  async tickRunbookStep(
    incidentIdOrRef: string,
    request: RunbookStepRequest,
  ): Promise<TimelineEvent> {
    return this.request(
      `/incidents/${segment(incidentIdOrRef)}/runbook-steps`,
      { method: 'POST', body: request },
    );
  }

  // Postmortems (issue 12)
  async getIncidentPostmortem(
    incidentIdOrRef: string,
  ): Promise<PostmortemDetails | undefined> {
    try {
      return await this.request(
        `/incidents/${segment(incidentIdOrRef)}/postmortem`,
      );
    } catch (e) {
      if ((e as ResponseError).response?.status === 404) return undefined;
      throw e;
    }
  }

  async startPostmortem(incidentIdOrRef: string): Promise<PostmortemDetails> {
    return this.request(`/incidents/${segment(incidentIdOrRef)}/postmortem`, {
      method: 'POST',
    });
  }

  async getPostmortem(id: string): Promise<PostmortemDetails> {
    return this.request(`/postmortems/${segment(id)}`);
  }

  async updatePostmortem(
    id: string,
    request: UpdatePostmortemRequest,
  ): Promise<PostmortemDetails> {
    return this.request(`/postmortems/${segment(id)}`, {
      method: 'PATCH',
      body: request,
    });
  }

  async approvePostmortem(
    id: string,
    version: number,
  ): Promise<PostmortemDetails> {
    return this.request(`/postmortems/${segment(id)}/approvals`, {
      method: 'POST',
      body: { version },
    });
  }

  async exportPostmortem(id: string): Promise<string> {
    const baseUrl = await this.discoveryApi.getBaseUrl('firebreak');
    const response = await this.fetchApi.fetch(
      `${baseUrl}/postmortems/${segment(id)}/export`,
      { headers: { Accept: 'text/markdown' } },
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response.text();
  }

  async listPostmortemActionItems(
    postmortemId: string,
  ): Promise<{ items: ActionItem[] }> {
    return this.request(`/action-items${queryOf({ postmortemId })}`);
  }

  private async request<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('firebreak');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, {
      method: options.method ?? 'GET',
      headers:
        options.body === undefined
          ? undefined
          : { 'Content-Type': 'application/json' },
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }
}
