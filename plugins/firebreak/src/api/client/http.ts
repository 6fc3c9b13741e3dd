import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';

/** Encodes one path segment. */
export const segment = encodeURIComponent;

/** A query string of the values that are set, or nothing when none is. */
export function queryOf(values: Record<string, string | undefined>) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(values)) {
    if (value) query.set(key, value);
  }
  const text = query.toString();
  return text ? `?${text}` : '';
}

/** Whether an error is the backend's answer with this status. */
export function isResponseStatus(error: unknown, status: number) {
  return (error as ResponseError).response?.status === status;
}

/**
 * Requests to the Firebreak backend: JSON in, JSON (or text) out, a `ResponseError` for any
 * answer that is not 2xx.
 */
export class FirebreakHttp {
  readonly #discoveryApi: DiscoveryApi;
  readonly #fetchApi: FetchApi;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.#discoveryApi = options.discoveryApi;
    this.#fetchApi = options.fetchApi;
  }

  /** The backend's base URL, such as `https://portal/api/firebreak`. */
  baseUrl(): Promise<string> {
    return this.#discoveryApi.getBaseUrl('firebreak');
  }

  /** Sends `body` as JSON (when given) and reads JSON back; 204 gives `undefined`. */
  async json<T>(
    path: string,
    options: { method?: string; body?: unknown } = {},
  ): Promise<T> {
    const response = await this.#send(path, {
      method: options.method ?? 'GET',
      headers:
        options.body === undefined
          ? undefined
          : { 'Content-Type': 'application/json' },
      body:
        options.body === undefined ? undefined : JSON.stringify(options.body),
    });
    if (response.status === 204) {
      return undefined as T;
    }
    return (await response.json()) as T;
  }

  /** Reads a text representation, such as `text/markdown`. */
  async text(path: string, accept: string): Promise<string> {
    const response = await this.#send(path, { headers: { Accept: accept } });
    return response.text();
  }

  async #send(path: string, init: RequestInit): Promise<Response> {
    const response = await this.#fetchApi.fetch(
      `${await this.baseUrl()}${path}`,
      init,
    );
    if (!response.ok) {
      throw await ResponseError.fromResponse(response);
    }
    return response;
  }
}
