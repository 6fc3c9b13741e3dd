import autocannon from 'autocannon';
import os from 'node:os';

/**
 * What one load run measured.
 *
 * @internal
 */
export interface LoadResult {
  requestsPerSecond: number;
  /** Latencies in milliseconds, from every 2xx response. */
  p50: number;
  p95: number;
  p99: number;
  responses: number;
  errors: number;
  non2xx: number;
  durationSeconds: number;
  /** The machine's 1-minute load average at the end: other work shares the cores. */
  loadAverage: number;
  /** Every 2xx response's latency, in milliseconds, in the order they came. */
  latencies: number[];
}

function percentile(sorted: Float64Array, p: number) {
  if (sorted.length === 0) {
    return NaN;
  }
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/**
 * p50, p95 and p99 of latencies in milliseconds.
 *
 * @internal
 */
export function summarizeLatencies(latencies: number[]) {
  const sorted = Float64Array.from(latencies).sort();
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
  };
}

/**
 * One request the load cycles through.
 *
 * @internal
 */
export interface LoadRequest {
  method?: 'GET' | 'POST';
  path: string;
  /** A JSON body, sent with `content-type: application/json`. */
  body?: string;
}

/**
 * Loads a server with autocannon through its API: `connections` keep-alive connections, each
 * cycling through `requests`, for `durationSeconds`. Latencies are recorded from autocannon's
 * per-response timings (high-resolution, fractional milliseconds) rather than its
 * histogram, which keeps whole milliseconds only and has no p95.
 *
 * @internal
 */
export async function runLoad(options: {
  baseUrl: string;
  requests: LoadRequest[];
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
  /** Seconds autocannon waits for a response before counting a timeout (default 10). */
  timeoutSeconds?: number;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  const instance = autocannon({
    url: options.baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: options.timeoutSeconds,
    headers: options.headers,
    requests: options.requests.map(request => ({
      method: request.method ?? 'GET',
      path: request.path,
      ...(request.body !== undefined && {
        body: request.body,
        headers: {
          ...options.headers,
          'content-type': 'application/json',
        },
      }),
    })),
  });
  (instance as unknown as NodeJS.EventEmitter).on(
    'response',
    (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      if (statusCode >= 200 && statusCode < 300) {
        latencies.push(ms);
      }
    },
  );
  const result = await instance;
  return {
    requestsPerSecond: latencies.length / result.duration,
    ...summarizeLatencies(latencies),
    responses: latencies.length,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    durationSeconds: result.duration,
    loadAverage: os.loadavg()[0],
    latencies,
  };
}

/**
 * Several runs of the same load taken as one: req/s over their whole duration, percentiles
 * over every response of every run, and the highest load average any of them saw.
 *
 * @internal
 */
export function combineLoads(runs: LoadResult[]): LoadResult {
  const latencies = runs.flatMap(run => run.latencies);
  const durationSeconds = runs.reduce(
    (sum, run) => sum + run.durationSeconds,
    0,
  );
  const total = (key: 'responses' | 'errors' | 'non2xx') =>
    runs.reduce((sum, run) => sum + run[key], 0);
  return {
    requestsPerSecond: latencies.length / durationSeconds,
    ...summarizeLatencies(latencies),
    responses: total('responses'),
    errors: total('errors'),
    non2xx: total('non2xx'),
    durationSeconds,
    loadAverage: Math.max(...runs.map(run => run.loadAverage)),
    latencies,
  };
}
