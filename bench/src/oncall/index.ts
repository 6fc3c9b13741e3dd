/*
 * yarn bench:oncall [--db pg|sqlite|both] [--duration 15] [--escalations 50] ...
 *
 * Who is on call for 1,000 entities in one request (POST /api/firebreak/oncall/query), served
 * by a real Backstage backend and by a floor (a bare express route doing the same reads and
 * the same schedule math) on the same database; and how long after a page's acknowledgement
 * timeout the next level is notified. See docs/benchmarks.md.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { mockCredentials } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { findOnCall, OnCallResponse } from '@firebreak/backstage-plugin-common';
import { benchBackendConfig, signInAsGuest } from '../common/backend';
import {
  ChildServer,
  processCpuMs,
  startChildServer,
} from '../common/children';
import {
  BENCH_WORK_DIR,
  benchConnection,
  BenchConnection,
  BenchDialect,
  recreateDatabase,
} from '../common/database';
import { LoadResult, runLoad, summarizeLatencies } from '../common/load';
import {
  BENCH_USER_REF,
  benchCatalog,
  benchEntities,
  ENTITY_COUNT,
  TEAM_COUNT,
  teamRef,
} from './dataset';
import { EscalationResult, measureEscalations } from './escalation';
import { answerOnCall, openOnCallReads, readOnCallData } from './onCallQuery';
import { checkAnswer, createOnCall, requestJson } from './setup';

/** Targets from the issue. */
const TARGETS = {
  /** Who is on call for 1,000 entities, one request at a time. */
  queryP95Ms: 50,
  /** Timeout → next level notified, for every page. */
  escalationMaxMs: 5000,
};

/** The database (and SQLite file name) the bench creates afresh on every run and keeps. */
const BENCH_DATABASE = 'firebreak_bench_oncall';

const fixed = (value: number, digits = 2) => value.toFixed(digits);

/* eslint-disable no-console */
const log = (message: string) => console.log(message);

type MeasuredLoad = LoadResult & {
  /** CPU time of the server process (not the database's) per response. */
  serverCpuMsPerRequest?: number;
};

interface Breakdown {
  /** Milliseconds for one request's worth, back to back in the bench process. */
  parts: Array<{ name: string; p50: number; p95: number }>;
  responseBytes: number;
}

interface DialectResult {
  dialect: BenchDialect;
  setup: { requests: number; seconds: number };
  checkedEntities: number;
  breakdown: Breakdown;
  loads: Array<{
    target: 'API' | 'floor';
    connections: number;
    result: MeasuredLoad;
  }>;
  escalation?: EscalationResult;
}

function readOptions() {
  const { values } = parseArgs({
    options: {
      db: { type: 'string', default: 'both' },
      duration: { type: 'string', default: '15' },
      warmup: { type: 'string', default: '3' },
      connections: { type: 'string', default: '4' },
      escalations: { type: 'string', default: '50' },
      spread: { type: 'string', default: '10' },
      'skip-escalation': { type: 'boolean', default: false },
      'skip-load': { type: 'boolean', default: false },
      port: { type: 'string', default: '7411' },
      profile: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(
      [
        'yarn bench:oncall [options]',
        '  --db pg|sqlite|both   databases to run on (default both)',
        '  --duration N          seconds of measured load per target (default 15)',
        '  --warmup N            seconds of unmeasured load first (default 3)',
        '  --connections N       connections of the throughput run (default 4;',
        '                        the latency run always uses 1)',
        '  --escalations N       incidents nobody acknowledges (default 50, one per team)',
        '  --spread N            seconds over which they are declared (default 10; 0 is',
        '                        a burst, all due within the same second or two)',
        '  --skip-escalation     only the on-call query',
        '  --skip-load           only the set-up, the checks and the escalations',
        '  --port N              API port; the floor uses N+1 (default 7411)',
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
    durationSeconds: number('duration', values.duration, 1),
    warmupSeconds: number('warmup', values.warmup, 0),
    connections: number('connections', values.connections, 1),
    escalations: number('escalations', values.escalations, 1),
    spreadSeconds: number('spread', values.spread, 0),
    skipEscalation: values['skip-escalation'] ?? false,
    skipLoad: values['skip-load'] ?? false,
    port: number('port', values.port, 1024),
    profile: values.profile ?? false,
  };
}

/** Runs `work` `runs` times after `warmup` unmeasured runs; p50 and p95 in milliseconds. */
async function timeIt(
  work: () => unknown,
  runs = 300,
  warmup = 30,
): Promise<{ p50: number; p95: number }> {
  const timings: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const started = process.hrtime.bigint();
    await work();
    if (i >= warmup) {
      timings.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  }
  const { p50, p95 } = summarizeLatencies(timings);
  return { p50, p95 };
}

/**
 * Where the time of one request goes, measured part by part in the bench process: the
 * store's reads, the schedule math, building the answer, its JSON, and the mocked catalog's
 * lookup.
 */
async function measureBreakdown(
  connection: BenchConnection,
  refs: string[],
): Promise<Breakdown> {
  const owners = new Map(
    benchEntities().map(entity => [entity.ref, teamRef(entity.team)]),
  );
  const ownerRefs = [...new Set(owners.values())];
  const reads = openOnCallReads(connection, 1);
  try {
    const now = new Date();
    const data = await readOnCallData(reads, ownerRefs, now);
    const schedules = [...data.schedules.values()];
    const items = answerOnCall(refs, ref => owners.get(ref), data, now);
    const body = JSON.stringify({ items });
    const catalog = catalogServiceMock({ entities: benchCatalog() });
    const credentials = mockCredentials.user(BENCH_USER_REF);
    return {
      parts: [
        {
          name: `reads alone: policies, ${schedules.length} schedules, overrides (3 queries, 1 connection)`,
          ...(await timeIt(() => readOnCallData(reads, ownerRefs, now))),
        },
        {
          name: `schedule math alone: findOnCall for the ${schedules.length} schedules`,
          ...(await timeIt(() => {
            for (const schedule of schedules) {
              findOnCall(schedule, now, { lookAheadDays: 35 });
            }
          })),
        },
        {
          name: `the answer from read data: math and ${refs.length} items`,
          ...(await timeIt(() =>
            answerOnCall(refs, ref => owners.get(ref), data, now),
          )),
        },
        {
          name: `JSON of the answer (${(Buffer.byteLength(body) / 1024).toFixed(
            0,
          )} KiB)`,
          ...(await timeIt(() => JSON.stringify({ items }))),
        },
        {
          name: `mocked catalog: getEntitiesByRefs for ${refs.length} refs (in-process, no HTTP)`,
          ...(await timeIt(
            () =>
              catalog.getEntitiesByRefs(
                {
                  entityRefs: refs,
                  fields: [
                    'kind',
                    'metadata.name',
                    'metadata.namespace',
                    'metadata.annotations',
                    'relations',
                  ],
                },
                { credentials },
              ),
            100,
            10,
          )),
        },
      ],
      responseBytes: Buffer.byteLength(body),
    };
  } finally {
    await reads.close();
  }
}

async function runDialect(
  dialect: BenchDialect,
  options: ReturnType<typeof readOptions>,
  workDir: string,
): Promise<DialectResult> {
  const connection = benchConnection(dialect, BENCH_DATABASE);
  await recreateDatabase(connection);
  const recordFile = path.join(workDir, `deliveries-${dialect}.jsonl`);
  fs.rmSync(recordFile, { force: true });

  const childEnv = {
    NODE_ENV: 'production',
    ...(options.profile
      ? { NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${workDir}` }
      : {}),
  };
  const configFile = path.join(workDir, `app-config.oncall-${dialect}.yaml`);
  fs.writeFileSync(
    configFile,
    JSON.stringify(
      benchBackendConfig({
        connection,
        port: options.port,
        userEntityRef: BENCH_USER_REF,
      }),
      null,
      2,
    ),
  );

  const servers: ChildServer[] = [];
  try {
    const api = await startChildServer(require.resolve('./apiServer'), {
      port: options.port,
      logFile: path.join(workDir, `oncall-api-${dialect}.log`),
      args: ['--config', configFile],
      env: childEnv,
      recordFile,
    });
    servers.push(api);
    const headers = await signInAsGuest(api.baseUrl);

    const now = new Date();
    const created = await createOnCall(api.baseUrl, headers, now);
    log(
      `${dialect}: created ${TEAM_COUNT} schedules, their overrides and ${TEAM_COUNT} policies through the API (${
        created.requests
      } requests, ${created.seconds.toFixed(1)} s)`,
    );

    const floor = await startChildServer(require.resolve('./floorServer'), {
      port: options.port + 1,
      logFile: path.join(workDir, `oncall-floor-${dialect}.log`),
      connection,
      env: childEnv,
    });
    servers.push(floor);

    const refs = benchEntities().map(entity => entity.ref);
    // Now, and a Friday night before the US change to summer time, whose look-ahead also
    // crosses Europe's and the southern hemisphere's.
    let checkedEntities = 0;
    for (const at of [new Date(), new Date('2027-03-12T23:30:00Z')]) {
      const body = { entityRefs: refs, at: at.toISOString() };
      const fromApi = await requestJson<{ items: OnCallResponse[] }>(
        api.baseUrl,
        headers,
        'POST',
        '/api/firebreak/oncall/query',
        body,
      );
      checkedEntities = checkAnswer(fromApi.items, created, at);
      const fromFloor = await requestJson<{ items: OnCallResponse[] }>(
        floor.baseUrl,
        {},
        'POST',
        '/oncall/query',
        body,
      );
      if (JSON.stringify(fromApi) !== JSON.stringify(fromFloor)) {
        throw new Error(
          `API and floor answer differently at ${at.toISOString()}`,
        );
      }
    }
    log(
      `${dialect}: the API answers ${checkedEntities} sampled entities as the bench's own math does, and all ${refs.length} as the floor does, now and across DST changes`,
    );

    const breakdown = await measureBreakdown(connection, refs);

    const loads: DialectResult['loads'] = [];
    if (!options.skipLoad) {
      const requestBody = JSON.stringify({ entityRefs: refs });
      const load = async (
        server: ChildServer,
        connections: number,
        seconds: number,
      ): Promise<MeasuredLoad> => {
        const cpuBefore = processCpuMs(server.pid);
        const result = await runLoad({
          baseUrl: server.baseUrl,
          requests: [
            {
              method: 'POST',
              path:
                server === api
                  ? '/api/firebreak/oncall/query'
                  : '/oncall/query',
              body: requestBody,
            },
          ],
          headers: server === api ? headers : undefined,
          connections,
          durationSeconds: seconds,
        });
        if (result.errors > 0 || result.non2xx > 0) {
          throw new Error(
            `${dialect}, ${server.baseUrl}: ${result.errors} errors, ${result.non2xx} non-2xx responses`,
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
      for (const connections of [1, options.connections]) {
        for (const [target, server] of [
          ['API', api],
          ['floor', floor],
        ] as const) {
          if (options.warmupSeconds > 0) {
            await load(server, connections, options.warmupSeconds);
          }
          const result = await load(
            server,
            connections,
            options.durationSeconds,
          );
          loads.push({ target, connections, result });
          log(
            `${dialect}: ${target}, ${connections} connection${
              connections > 1 ? 's' : ''
            }: ${fixed(result.requestsPerSecond, 1)} req/s, p95 ${fixed(
              result.p95,
            )} ms (load avg ${fixed(result.loadAverage, 1)})`,
          );
        }
      }
    }

    let escalation: EscalationResult | undefined;
    if (!options.skipEscalation) {
      // Nothing else runs now: the floor is done.
      await floor.stop();
      escalation = await measureEscalations({
        baseUrl: api.baseUrl,
        headers,
        connection,
        recordFile,
        count: options.escalations,
        spreadSeconds: options.spreadSeconds,
        log: message => log(`${dialect}: ${message}`),
      });
    }
    return {
      dialect,
      setup: created,
      checkedEntities,
      breakdown,
      loads,
      escalation,
    };
  } finally {
    for (const server of servers.reverse()) {
      await server.stop();
    }
  }
}

function report(
  results: DialectResult[],
  options: ReturnType<typeof readOptions>,
) {
  const verdicts: string[] = [];
  let allMet = true;
  const verdict = (text: string, met: boolean) => {
    allMet &&= met;
    verdicts.push(`${text} ${met ? 'met' : 'MISSED'}`);
  };
  const name = (dialect: BenchDialect) =>
    dialect === 'pg' ? 'PostgreSQL' : 'SQLite';

  log('');
  log(
    `Firebreak on-call: ${ENTITY_COUNT} entities over ${TEAM_COUNT} teams, 3-layer schedules, in one POST /oncall/query; ${options.durationSeconds} s per target`,
  );
  log(
    `Machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${(
      os.totalmem() /
      2 ** 30
    ).toFixed(0)} GiB, Node ${process.version}`,
  );
  log('');
  log(
    '| database | target | connections | req/s | p50 ms | p95 ms | p99 ms | CPU ms/req | load avg |',
  );
  log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const r of results) {
    for (const { target, connections, result } of r.loads) {
      log(
        `| ${name(r.dialect)} | ${target} | ${connections} | ${fixed(
          result.requestsPerSecond,
          1,
        )} | ${fixed(result.p50)} | ${fixed(result.p95)} | ${fixed(
          result.p99,
        )} | ${
          result.serverCpuMsPerRequest === undefined
            ? ''
            : fixed(result.serverCpuMsPerRequest)
        } | ${fixed(result.loadAverage, 1)} |`,
      );
      if (target === 'API' && connections === 1) {
        verdict(
          `${name(r.dialect)}: API p95 ${fixed(result.p95)} ms ≤ ${
            TARGETS.queryP95Ms
          } ms (1 connection)`,
          result.p95 <= TARGETS.queryP95Ms,
        );
      }
    }
  }
  log('');
  log('Where the time goes (one request, measured part by part in the bench):');
  log('');
  log('| database | part | p50 ms | p95 ms |');
  log('| --- | --- | ---: | ---: |');
  for (const r of results) {
    for (const part of r.breakdown.parts) {
      log(
        `| ${name(r.dialect)} | ${part.name} | ${fixed(part.p50)} | ${fixed(
          part.p95,
        )} |`,
      );
    }
  }
  const escalations = results.filter(r => r.escalation);
  if (escalations.length > 0) {
    log('');
    log(
      `Escalation: ${options.escalations} incidents declared over ${options.spreadSeconds} s, level 1 times out after 1 minute, nobody acknowledges`,
    );
    log('');
    log(
      '| database | timeout → level 2 notifier p50 / p95 / max ms | → notification service p50 / p95 / max ms | declared → level 1 notifier p50 / p95 / max ms | load avg |',
    );
    log('| --- | ---: | ---: | ---: | ---: |');
    for (const r of escalations) {
      const e = r.escalation!;
      const three = (v: { p50: number; p95: number; max: number }) =>
        `${fixed(v.p50, 0)} / ${fixed(v.p95, 0)} / ${fixed(v.max, 0)}`;
      log(
        `| ${name(r.dialect)} | ${three(e.toLevel2)} | ${three(
          e.toLevel2Notifications,
        )} | ${three(e.toLevel1)} | ${fixed(e.loadAverage, 1)} |`,
      );
      if (!e.dueIsDeclaredPlusTimeout) {
        log(
          `${name(
            r.dialect,
          )}: note: some pages were due at another time than declaredAt + 1 minute`,
        );
      }
      verdict(
        `${name(r.dialect)}: every escalation within ${
          TARGETS.escalationMaxMs / 1000
        } s of its timeout (max ${fixed(e.toLevel2.max, 0)} ms)`,
        e.toLevel2.max <= TARGETS.escalationMaxMs,
      );
    }
  }
  log('');
  for (const r of results) {
    log(
      `${name(r.dialect)}: set up through the API in ${
        r.setup.requests
      } requests, ${fixed(r.setup.seconds, 1)} s; answer ${(
        r.breakdown.responseBytes / 1024
      ).toFixed(0)} KiB; ${
        r.checkedEntities
      } entities checked against the bench's own math`,
    );
  }
  log('');
  for (const line of verdicts) log(line);
  log('');
  log(allMet ? 'All targets met.' : 'Some targets MISSED.');
  return allMet;
}

async function main() {
  const options = readOptions();
  const workDir = path.join(BENCH_WORK_DIR, 'run');
  fs.mkdirSync(workDir, { recursive: true });
  log(`Logs, config and recorded deliveries of the servers: ${workDir}`);
  const results: DialectResult[] = [];
  for (const dialect of options.dialects) {
    results.push(await runDialect(dialect, options, workDir));
  }
  const met = report(results, options);
  process.exitCode = met ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exit(2);
});
