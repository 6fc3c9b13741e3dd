/*
 * yarn bench:incidents [--db pg|sqlite|both] [--refill] [--duration 15] [--connections 10]
 *
 * Loads the entity incident history API (GET /api/firebreak/incidents?entityRef=…&limit=25,
 * first page and a deep cursor) served by a real Backstage backend, and a floor (a bare
 * express route running the same keyset queries) on the same database, and reports req/s and
 * p50/p95/p99 of both, their ratios and the targets. See docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Knex } from 'knex';
import { benchBackendConfig, signInAsGuest } from '../common/backend';
import {
  ChildServer,
  processCpuMs,
  startChildServer,
} from '../common/children';
import {
  BENCH_WORK_DIR,
  BenchConnection,
  BenchDialect,
  openKnex,
} from '../common/database';
import {
  combineLoads,
  LoadResult,
  runLoad,
  summarizeLatencies,
} from '../common/load';
import { datasetShape, prepareDatabase, warmTables } from './benchDatabase';
import { BENCH_USER_REF } from './dataset';
import { openHistoryQuery } from './historyQuery';

/** Targets from the issue: the API against its floor. */
const TARGETS = {
  apiP95Ms: 20,
  p95RatioMax: 2,
  throughputRatioMin: 0.5,
};

const PAGE_SIZE = 25;

const fixed = (value: number, digits = 2) => value.toFixed(digits);

/* eslint-disable no-console */
const log = (message: string) => console.log(message);

interface SampledEntity {
  ref: string;
  incidents: number;
  /** Items before the deep cursor. */
  deepPosition: number;
  deepCursor: string;
  /** The first item the page after the deep cursor must start with. */
  firstAfterCursor: string;
}

type MeasuredLoad = LoadResult & {
  /** CPU time of the server process (not the database's) per response. */
  serverCpuMsPerRequest?: number;
  /** Each round's own figures, when several were pooled. */
  rounds?: { requestsPerSecond: number; p95: number }[];
};

interface ScenarioResult {
  dialect: BenchDialect;
  page: 'first' | 'deep';
  api: MeasuredLoad;
  floor: MeasuredLoad;
  /** With --breakdown: the API with `permission.enabled: false`. */
  apiWithoutPermissions?: MeasuredLoad;
  /** The history query alone, one connection, back to back. */
  queryAlone: { p50: number; p95: number; p99: number };
  warmth: string;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      refill: { type: 'boolean', default: false },
      duration: { type: 'string', default: '15' },
      rounds: { type: 'string', default: '3' },
      warmup: { type: 'string', default: '10' },
      connections: { type: 'string', default: '10' },
      incidents: { type: 'string', default: '1000000' },
      entities: { type: 'string', default: '500' },
      sample: { type: 'string', default: '20' },
      port: { type: 'string', default: '7401' },
      profile: { type: 'boolean', default: false },
      breakdown: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(
      [
        'yarn bench:incidents [options]',
        '  --db pg|sqlite|both   databases to run on (default both)',
        '  --refill              fill the database again even if it holds the data set',
        '  --duration N          seconds of measured load per target, page and round (default 15)',
        '  --rounds N            rounds of measured load, taking the targets in turn; the',
        '                        figures pool every round (default 3)',
        '  --warmup N            seconds of unmeasured load first (default 10)',
        '  --connections N       concurrent connections (default 10)',
        '  --incidents N         incidents in the data set (default 1000000)',
        '  --entities N          entities they impact (default 500)',
        '  --sample N            entities the load cycles through (default 20)',
        '  --port N              API port; the floor uses N+1, --breakdown N+2 (default 7401)',
        '  --breakdown           also load the API with permission.enabled: false, to show',
        '                        what the permission round trip costs',
        '  --profile             write CPU profiles of the API and floor to the work folder',
      ].join('\n'),
    );
    process.exit(0);
  }
  const number = (name: string, value: string | undefined, min: number) => {
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) {
      throw new Error(`--${name}: must be an integer of at least ${min}`);
    }
    return parsed;
  };
  const db = values.db;
  if (db !== 'pg' && db !== 'sqlite' && db !== 'both') {
    throw new Error('--db: must be pg, sqlite or both');
  }
  return {
    dialects: (db === 'both' ? ['pg', 'sqlite'] : [db]) as BenchDialect[],
    refill: values.refill ?? false,
    durationSeconds: number('duration', values.duration, 1),
    rounds: number('rounds', values.rounds, 1),
    warmupSeconds: number('warmup', values.warmup, 0),
    connections: number('connections', values.connections, 1),
    incidents: number('incidents', values.incidents, 1000),
    entities: number('entities', values.entities, 10),
    sample: number('sample', values.sample, 1),
    port: number('port', values.port, 1024),
    profile: values.profile ?? false,
    breakdown: values.breakdown ?? false,
  };
}

function encodeCursor(declaredAt: Date, id: string) {
  // The store's cursor format: base64url of {"declaredAt","id"} of the last item of a page.
  return Buffer.from(
    JSON.stringify({ declaredAt: declaredAt.toISOString(), id }),
    'utf8',
  ).toString('base64url');
}

function asDate(value: Date | number | string) {
  return value instanceof Date ? value : new Date(Number(value));
}

/**
 * Entities spread over the ranking by history size, busiest first, each with a cursor half
 * way down its history (rounded to a multiple of 100, so paging with limit=100 reaches it).
 */
async function sampleEntities(
  knex: Knex,
  sampleSize: number,
): Promise<SampledEntity[]> {
  const ranking = (await knex('firebreak_incident_entities')
    .select('entity_ref')
    .count({ incidents: '*' })
    .groupBy('entity_ref')
    .orderBy([
      { column: 'incidents', order: 'desc' },
      { column: 'entity_ref', order: 'asc' },
    ])) as { entity_ref: string; incidents: number | string }[];
  const picked = Array.from(
    { length: Math.min(sampleSize, ranking.length) },
    (_, i) => ranking[Math.floor((i * ranking.length) / sampleSize)],
  );
  const history = (ref: string, offset: number) =>
    knex('firebreak_incident_entities')
      .where({ entity_ref: ref })
      .orderBy([
        { column: 'declared_at', order: 'desc' },
        { column: 'incident_id', order: 'desc' },
      ])
      .offset(offset)
      .first('declared_at', 'incident_id');

  const sample: SampledEntity[] = [];
  for (const row of picked) {
    const incidents = Number(row.incidents);
    const deepPosition = Math.max(100, 100 * Math.floor(incidents / 200));
    if (deepPosition + PAGE_SIZE >= incidents) {
      throw new Error(
        `${row.entity_ref} has only ${incidents} incidents, too few for a deep cursor: use more --incidents or fewer --entities`,
      );
    }
    const last = await history(row.entity_ref, deepPosition - 1);
    const next = await history(row.entity_ref, deepPosition);
    sample.push({
      ref: row.entity_ref,
      incidents,
      deepPosition,
      deepCursor: encodeCursor(asDate(last.declared_at), last.incident_id),
      firstAfterCursor: next.incident_id,
    });
  }
  return sample;
}

async function getJson(url: string, headers: Record<string, string> = {}) {
  const response = await fetch(url, { headers });
  if (!response.ok) {
    throw new Error(
      `GET ${url}: ${response.status} ${await response.text()}`.slice(0, 500),
    );
  }
  return response.json();
}

interface Page {
  items: { id: string }[];
  nextCursor?: string;
}

function historyPath(
  prefix: string,
  ref: string,
  limit: number,
  cursor?: string,
) {
  const query = new URLSearchParams({ entityRef: ref, limit: String(limit) });
  if (cursor) query.set('cursor', cursor);
  return `${prefix}/incidents?${query}`;
}

/**
 * Before loading: both targets must answer the same pages, the deep cursor must land where
 * it says, and paging through the API must hand out that very cursor.
 */
async function verifyTargets(
  api: ChildServer,
  floor: ChildServer,
  headers: Record<string, string>,
  sample: SampledEntity[],
) {
  for (const entity of sample) {
    for (const cursor of [undefined, entity.deepCursor]) {
      const fromApi: Page = await getJson(
        api.baseUrl +
          historyPath('/api/firebreak', entity.ref, PAGE_SIZE, cursor),
        headers,
      );
      const fromFloor: Page = await getJson(
        floor.baseUrl + historyPath('', entity.ref, PAGE_SIZE, cursor),
      );
      if (
        fromApi.items.length !== PAGE_SIZE ||
        JSON.stringify(fromApi) !== JSON.stringify(fromFloor)
      ) {
        throw new Error(
          `API and floor disagree on ${entity.ref} (cursor ${
            cursor ?? 'none'
          })`,
        );
      }
      if (cursor && fromApi.items[0].id !== entity.firstAfterCursor) {
        throw new Error(`The deep cursor of ${entity.ref} lands elsewhere`);
      }
    }
  }

  const smallest = sample[sample.length - 1];
  let cursor: string | undefined;
  for (let seen = 0; seen < smallest.deepPosition; seen += 100) {
    const page: Page = await getJson(
      api.baseUrl + historyPath('/api/firebreak', smallest.ref, 100, cursor),
      headers,
    );
    cursor = page.nextCursor;
  }
  if (cursor !== smallest.deepCursor) {
    throw new Error(
      `Paging ${smallest.ref} through the API gave cursor ${cursor}, expected ${smallest.deepCursor}`,
    );
  }
}

/** The history query alone: back to back on one connection, cycling through the sample. */
async function measureQueryAlone(
  connection: BenchConnection,
  sample: SampledEntity[],
  page: 'first' | 'deep',
) {
  const history = openHistoryQuery(connection, 1);
  try {
    const cursors = sample.map(e => {
      if (page === 'first') return undefined;
      const decoded = JSON.parse(
        Buffer.from(e.deepCursor, 'base64url').toString('utf8'),
      );
      return { declaredAt: new Date(decoded.declaredAt), id: decoded.id };
    });
    const timings: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const index = i % sample.length;
      const started = process.hrtime.bigint();
      await history.run(sample[index].ref, PAGE_SIZE + 1, cursors[index]);
      if (i >= 200) {
        timings.push(Number(process.hrtime.bigint() - started) / 1e6);
      }
    }
    return summarizeLatencies(timings);
  } finally {
    await history.close();
  }
}

async function runDialect(
  dialect: BenchDialect,
  options: ReturnType<typeof readOptions>,
  workDir: string,
): Promise<ScenarioResult[]> {
  const connection = await prepareDatabase(
    dialect,
    datasetShape(options.incidents, options.entities),
    { refill: options.refill, log },
  );
  const knex = openKnex(connection);
  let sample: SampledEntity[];
  try {
    sample = await sampleEntities(knex, options.sample);
  } finally {
    await knex.destroy();
  }
  log(
    `${dialect}: loading ${sample.length} entities with ${
      sample[0].incidents
    } to ${
      sample[sample.length - 1].incidents
    } incidents each; deep cursors half way down (items ${
      sample[sample.length - 1].deepPosition
    } to ${sample[0].deepPosition})`,
  );

  const childEnv = {
    NODE_ENV: 'production',
    ...(options.profile
      ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${workDir}` }
      : {}),
  };
  const startApi = (name: string, port: number, permissionEnabled: boolean) => {
    const configFile = path.join(workDir, `app-config.${name}.yaml`);
    fs.writeFileSync(
      configFile,
      JSON.stringify(
        benchBackendConfig({
          connection,
          port,
          userEntityRef: BENCH_USER_REF,
          permissionEnabled,
        }),
        null,
        2,
      ),
    );
    return startChildServer(require.resolve('./apiServer'), {
      port,
      logFile: path.join(workDir, `${name}.log`),
      entityCount: options.entities,
      args: ['--config', configFile],
      env: childEnv,
    });
  };

  const servers: ChildServer[] = [];
  try {
    const api = await startApi(`api-${dialect}`, options.port, true);
    servers.push(api);
    const floor = await startChildServer(require.resolve('./floorServer'), {
      port: options.port + 1,
      logFile: path.join(workDir, `floor-${dialect}.log`),
      connection,
      env: childEnv,
    });
    servers.push(floor);
    const apiWithoutPermissions = options.breakdown
      ? await startApi(
          `api-${dialect}-without-permissions`,
          options.port + 2,
          false,
        )
      : undefined;
    if (apiWithoutPermissions) servers.push(apiWithoutPermissions);

    const signIn = (server: ChildServer) => signInAsGuest(server.baseUrl);
    const headers = new Map<ChildServer, Record<string, string>>();
    headers.set(api, await signIn(api));
    await verifyTargets(api, floor, headers.get(api)!, sample);
    if (apiWithoutPermissions) {
      headers.set(apiWithoutPermissions, await signIn(apiWithoutPermissions));
      await verifyTargets(
        apiWithoutPermissions,
        floor,
        headers.get(apiWithoutPermissions)!,
        sample,
      );
    }
    log(`${dialect}: API and floor answer the same pages; starting the load`);

    const results: ScenarioResult[] = [];
    for (const page of ['first', 'deep'] as const) {
      const cursorOf = (e: SampledEntity) =>
        page === 'deep' ? e.deepCursor : undefined;
      const pathsOf = (server: ChildServer) =>
        sample.map(e =>
          historyPath(
            server === floor ? '' : '/api/firebreak',
            e.ref,
            PAGE_SIZE,
            cursorOf(e),
          ),
        );
      const load = async (server: ChildServer, seconds: number) => {
        const cpuBefore = processCpuMs(server.pid);
        const result = await runLoad({
          baseUrl: server.baseUrl,
          requests: pathsOf(server).map(requestPath => ({ path: requestPath })),
          headers: headers.get(server),
          connections: options.connections,
          durationSeconds: seconds,
        });
        if (result.errors > 0 || result.non2xx > 0) {
          throw new Error(
            `${dialect} ${page} page, ${server.baseUrl}: ${result.errors} errors, ${result.non2xx} non-2xx responses`,
          );
        }
        const cpuAfter = processCpuMs(server.pid);
        return {
          ...result,
          serverCpuMsPerRequest:
            cpuBefore === undefined || cpuAfter === undefined
              ? undefined
              : (cpuAfter - cpuBefore) / result.responses,
        };
      };
      const targets = [
        api,
        floor,
        ...(apiWithoutPermissions ? [apiWithoutPermissions] : []),
      ];

      const warmth = await warmTables(connection);
      const queryAlone = await measureQueryAlone(connection, sample, page);
      if (options.warmupSeconds > 0) {
        for (const target of targets) await load(target, options.warmupSeconds);
      }
      // The targets take turns, so that whatever else the machine does during the run falls
      // on all of them; each target's figures pool its rounds.
      const rounds = new Map<ChildServer, MeasuredLoad[]>(
        targets.map(target => [target, []]),
      );
      for (let round = 1; round <= options.rounds; round++) {
        for (const target of targets) {
          rounds.get(target)!.push(await load(target, options.durationSeconds));
        }
      }
      const measured = new Map<ChildServer, MeasuredLoad>();
      for (const [target, runs] of rounds) {
        const cpu = runs.map(run => run.serverCpuMsPerRequest);
        measured.set(target, {
          ...combineLoads(runs),
          serverCpuMsPerRequest: cpu.every(ms => ms !== undefined)
            ? runs.reduce(
                (sum, run) => sum + run.serverCpuMsPerRequest! * run.responses,
                0,
              ) / runs.reduce((sum, run) => sum + run.responses, 0)
            : undefined,
          rounds: runs.map(run => ({
            requestsPerSecond: run.requestsPerSecond,
            p95: run.p95,
          })),
        });
      }
      results.push({
        dialect,
        page,
        api: measured.get(api)!,
        floor: measured.get(floor)!,
        apiWithoutPermissions: apiWithoutPermissions
          ? measured.get(apiWithoutPermissions)
          : undefined,
        queryAlone,
        warmth,
      });
      const summary = (result: MeasuredLoad) =>
        `${fixed(result.requestsPerSecond, 0)} req/s, p95 ${fixed(
          result.p95,
        )} ms${
          result.rounds && result.rounds.length > 1
            ? ` (rounds: ${result.rounds
                .map(
                  round =>
                    `${fixed(round.requestsPerSecond, 0)} req/s p95 ${fixed(
                      round.p95,
                    )}`,
                )
                .join(', ')})`
            : ''
        }`;
      log(
        `${dialect}: ${page} page done (${warmth} before): API ${summary(
          measured.get(api)!,
        )}; floor ${summary(measured.get(floor)!)}`,
      );
    }
    return results;
  } finally {
    for (const server of servers.reverse()) {
      await server.stop();
    }
  }
}

function report(
  results: ScenarioResult[],
  options: ReturnType<typeof readOptions>,
) {
  const rows: string[] = [
    '| database | page | target | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | load avg |',
    '| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const verdicts: string[] = [];
  let allMet = true;
  for (const r of results) {
    const name = r.dialect === 'pg' ? 'PostgreSQL' : 'SQLite';
    const targets: [string, MeasuredLoad | undefined][] = [
      ['API', r.api],
      ['floor', r.floor],
      ['API, permission.enabled: false', r.apiWithoutPermissions],
    ];
    for (const [target, result] of targets) {
      if (!result) continue;
      rows.push(
        `| ${name} | ${r.page} | ${target} | ${fixed(
          result.requestsPerSecond,
          0,
        )} | ${fixed(result.p50)} | ${fixed(result.p95)} | ${fixed(
          result.p99,
        )} | ${
          result.serverCpuMsPerRequest === undefined
            ? ''
            : fixed(result.serverCpuMsPerRequest)
        } | ${fixed(result.loadAverage, 1)} |`,
      );
    }
    rows.push(
      `| ${name} | ${r.page} | query alone, 1 connection | | ${fixed(
        r.queryAlone.p50,
      )} | ${fixed(r.queryAlone.p95)} | ${fixed(r.queryAlone.p99)} | | |`,
    );
    const throughputRatio = r.api.requestsPerSecond / r.floor.requestsPerSecond;
    const p95Ratio = r.api.p95 / r.floor.p95;
    const checks = [
      [
        `API p95 ${fixed(r.api.p95)} ms ≤ ${TARGETS.apiP95Ms} ms`,
        r.api.p95 <= TARGETS.apiP95Ms,
      ],
      [
        `p95 API/floor ${fixed(p95Ratio)}× ≤ ${TARGETS.p95RatioMax}×`,
        p95Ratio <= TARGETS.p95RatioMax,
      ],
      [
        `req/s API/floor ${fixed(throughputRatio)} ≥ ${
          TARGETS.throughputRatioMin
        }`,
        throughputRatio >= TARGETS.throughputRatioMin,
      ],
    ] as const;
    for (const [, met] of checks) allMet &&= met;
    verdicts.push(
      `${name}, ${r.page} page: ${checks
        .map(([text, met]) => `${text} ${met ? 'met' : 'MISSED'}`)
        .join('; ')}`,
    );
  }

  log('');
  log(
    `Firebreak entity history, ${options.incidents} incidents over ${options.entities} entities, page of ${PAGE_SIZE}, ${options.connections} connections, ${options.rounds} × ${options.durationSeconds} s per target, warm tables`,
  );
  log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(
      os.totalmem() /
      2 ** 30
    ).toFixed(0)} GiB, Node ${process.version}`,
  );
  log('');
  for (const row of rows) log(row);
  log('');
  for (const verdict of verdicts) log(verdict);
  log('');
  log(allMet ? 'All targets met.' : 'Some targets MISSED.');
  return allMet;
}

async function main() {
  const options = readOptions();
  const workDir = path.join(BENCH_WORK_DIR, 'run');
  fs.mkdirSync(workDir, { recursive: true });
  log(`Logs and config of the servers: ${workDir}`);
  const results: ScenarioResult[] = [];
  for (const dialect of options.dialects) {
    results.push(...(await runDialect(dialect, options, workDir)));
  }
  const met = report(results, options);
  process.exitCode = met ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exit(2);
});
