import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { IncidentSummary, Page } from '@firebreak/backstage-plugin-common';
import { FirebreakApi, ListIncidentsRequest } from './FirebreakApi';

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
    if (request.limit) query.set('limit', String(request.limit));
    if (request.cursor) query.set('cursor', request.cursor);
    return this.request(`/incidents?${query}`);
  }

  private async request<T>(path: string, init?: RequestInit): Promise<T> {
    const baseUrl = await this.discoveryApi.getBaseUrl('firebreak');
    const response = await this.fetchApi.fetch(`${baseUrl}${path}`, init);
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return (await response.json()) as T;
  }
}
