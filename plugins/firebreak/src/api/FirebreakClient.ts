import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import {
  Incident,
  IncidentSummary,
  Page,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import {
  DeclareIncidentRequest,
  FirebreakApi,
  FirebreakSettingsResponse,
  ListIncidentsRequest,
  TimelinePostRequest,
  UpdateIncidentRequest,
} from './FirebreakApi';

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

  async getSettings(): Promise<FirebreakSettingsResponse> {
    return this.request('/settings');
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
    return (await response.json()) as T;
  }
}
