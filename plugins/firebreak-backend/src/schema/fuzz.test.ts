import { mockCredentials, TestDatabases } from '@backstage/backend-test-utils';
import fc from 'fast-check';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { ApiFuzzState, ResolvedRequest } from '../__testUtils__/apiFuzzState';
import {
  answerProblem,
  databaseProblems,
} from '../__testUtils__/apiFuzzOracles';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { fuzzFieldHints } from '../__testUtils__/apiFuzzHints';
import { takeSpecViolations } from '../__testUtils__/openApiConformance';
import {
  RequestPlan,
  requestPlanArb,
} from '../__testUtils__/openApiArbitraries';
import { specOperations } from '../__testUtils__/openApiOperations';

/**
 * The OpenAPI-driven fuzz test: requests derived from `openapi.yaml` for every operation, valid,
 * at boundaries and invalid, from allowed, read-only and denied callers, through the real
 * plugin. Every answer must be 2xx or a 4xx that names the field (see `answerProblem`) and match
 * the spec; afterwards the database invariants must hold (see `databaseProblems`), and every
 * operation of the spec must have answered 2xx at least once (else it was only ever tested for
 * how it refuses).
 *
 *   FIREBREAK_FUZZ_SEED=<n>     the run to reproduce (fast-check prints it on failure)
 *   FIREBREAK_FUZZ_RUNS=<n>     generated requests per database (default 5,000)
 *   FIREBREAK_FUZZ_NIGHTLY=1    ten times as many
 *   FIREBREAK_FUZZ_MYSQL=1      MySQL too
 *   FIREBREAK_FUZZ_SURVEY=1     list one example of every kind of problem at the end, rather than
 *                               stopping at the first and shrinking it
 *
 * The seed reproduces a whole run: later requests use the ids earlier answers handed out.
 */

const SEED = Number(process.env.FIREBREAK_FUZZ_SEED ?? 20261201);
const NIGHTLY = process.env.FIREBREAK_FUZZ_NIGHTLY === '1';
// 5,000 per database, 10,000 across SQLite and PostgreSQL: what fits the CI budget of three
// minutes on two busy CPUs.
const RUNS =
  Number(process.env.FIREBREAK_FUZZ_RUNS ?? 5_000) * (NIGHTLY ? 10 : 1);
const SURVEY = process.env.FIREBREAK_FUZZ_SURVEY === '1';
const START = Date.parse('2026-06-03T12:00:00.000Z');

jest.setTimeout(NIGHTLY ? 3 * 60 * 60_000 : 20 * 60_000);

const databases = TestDatabases.create({
  ids: [
    'SQLITE_3',
    'POSTGRES_15',
    ...(process.env.FIREBREAK_FUZZ_MYSQL === '1' ? (['MYSQL_8'] as const) : []),
  ],
});

function authorization(sender: RequestPlan['sender']): string | undefined {
  switch (sender) {
    case 'nobody':
      return undefined;
    case 'service':
      return mockCredentials.service.header();
    case 'badToken':
      return 'Bearer not-a-token';
    default:
      return as(users[sender]);
  }
}

const tallies = new Map<string, Map<number, number>>();
const durations = new Map<string, number>();
/** Operations that answered 2xx at least once, so the summary can say which never did. */
const succeeded = new Set<string>();

/** The operations of the spec that are not among those that answered 2xx. */
function neverSucceededOf(answered2xx: Set<string>): string[] {
  return specOperations()
    .map(o => `${o.method.toUpperCase()} ${o.template}`)
    .filter(o => !answered2xx.has(o));
}

afterAll(() => {
  const statuses = [
    ...new Set([...tallies.values()].flatMap(t => [...t.keys()])),
  ].sort();
  const lines = [
    `OpenAPI fuzz, seed ${SEED}, ${RUNS} generated requests per database`,
    `| database | requests | seconds | ${statuses.join(' | ')} |`,
    `| --- | --- | --- | ${statuses.map(() => '---').join(' | ')} |`,
    ...[...tallies].map(([id, tally]) => {
      const total = [...tally.values()].reduce((a, b) => a + b, 0);
      const seconds = ((durations.get(id) ?? 0) / 1000).toFixed(1);
      return `| ${id} | ${total} | ${seconds} | ${statuses
        .map(s => tally.get(s) ?? 0)
        .join(' | ')} |`;
    }),
  ];
  const neverSucceeded = neverSucceededOf(succeeded);
  lines.push(
    `Operations that never answered 2xx: ${
      neverSucceeded.length ? neverSucceeded.join(', ') : 'none'
    }`,
  );
  process.stdout.write(`\n${lines.join('\n')}\n\n`);
});

describe.each(databases.eachSupportedId())('the API under fuzz on %s', id => {
  it('answers only 2xx or a 4xx naming the field, as the spec says, and keeps the data consistent', async () => {
    const started = Date.now();
    const knex = await databases.init(id);
    let clock = START;
    const { server } = await startFirebreak({
      knex,
      now: () => new Date(clock),
    });
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const operations = specOperations();
    const state = new ApiFuzzState(operations, authorization);
    const tally = new Map<number, number>();
    tallies.set(id, tally);
    const succeededHere = new Set<string>();
    const surveyed = new Map<string, string>();

    const send = (request: ResolvedRequest) =>
      new Promise<{
        status: number;
        text: string;
        type?: string;
        headers: Record<string, string | undefined>;
      }>((resolve, reject) => {
        const req = http.request(
          {
            port,
            agent,
            method: request.method,
            path: request.path,
            headers: {
              ...request.headers,
              ...(request.body !== undefined && {
                'content-length': String(Buffer.byteLength(request.body)),
              }),
            },
          },
          res => {
            const chunks: Buffer[] = [];
            res.on('data', chunk => chunks.push(chunk));
            res.on('end', () =>
              resolve({
                status: res.statusCode ?? 0,
                text: Buffer.concat(chunks).toString('utf8'),
                type: res.headers['content-type'],
                headers: {
                  'retry-after': res.headers['retry-after'] as
                    | string
                    | undefined,
                },
              }),
            );
          },
        );
        req.on('error', reject);
        req.end(request.body);
      });

    /** Sends a plan; the problems with its answer, none when it is right. */
    async function exchange(plan: RequestPlan) {
      clock += 1000;
      const operation = state.operation(plan.operation);
      const { request, params } = state.resolve(plan);
      const response = await send(request);
      tally.set(response.status, (tally.get(response.status) ?? 0) + 1);
      if (response.status < 300) {
        succeeded.add(plan.operation);
        succeededHere.add(plan.operation);
      }
      let body: unknown;
      if (response.type?.startsWith('application/json') && response.text) {
        body = JSON.parse(response.text);
      }
      await new Promise(resolve => setImmediate(resolve));
      const problems = [
        answerProblem(operation, response.status, body, response.headers),
        ...takeSpecViolations().map(v => `${v.request}: ${v.problem}`),
      ].filter((problem): problem is string => problem !== undefined);
      state.harvest(operation, params, response.status, body);
      return { request, response, problems };
    }

    // A few things to point at, so that requests reach past the 404s.
    const setup = async (
      operation: string,
      body?: object,
      sender: RequestPlan['sender'] = 'alice',
      rawPath: Record<string, string> = {},
    ) => {
      const { response, problems } = await exchange({
        operation,
        sender,
        pathPick: 0,
        rawPath,
        query: [],
        headers: {},
        body: body ? { kind: 'json', value: body } : { kind: 'none' },
      });
      expect(problems).toEqual([]);
      expect(response.status).toBeLessThan(300);
      return response.text ? JSON.parse(response.text) : undefined;
    };
    const settings = await setup('GET /settings');
    const schedule = await setup('POST /schedules', {
      name: 'Payments primary',
      ownerRef: 'group:default/payments',
      timeZone: 'Europe/Berlin',
      layers: [
        {
          name: 'Weekly',
          participants: [users.alice, users.bob],
          rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
        },
      ],
    });
    for (const [owner, target] of [
      ['payments', { type: 'schedule', ref: schedule.id }],
      ['storefront', { type: 'user', ref: users.bob }],
    ] as const) {
      await setup('POST /escalation-policies', {
        name: `${owner} default`,
        ownerRef: `group:default/${owner}`,
        levels: [{ targets: [target], ackTimeoutMinutes: 5 }],
        repeat: 1,
      });
    }
    await setup('POST /schedules/{id}/overrides', {
      userRef: users.bob,
      start: '2026-06-04T00:00:00.000Z',
      end: '2026-06-05T00:00:00.000Z',
    });
    for (const [entityRef, severity] of [
      ['component:default/payments-api', 'SEV1'],
      ['component:default/checkout', 'SEV2'],
      ['component:default/search', 'SEV3'],
    ]) {
      await setup('POST /incidents', {
        title: 'Errors',
        severity,
        entityRefs: [entityRef],
      });
    }
    for (const ownerRef of [users.alice, 'group:default/payments']) {
      await setup('POST /action-items', {
        title: 'Alert on saturation',
        priority: 'P1',
        ownerRef,
        incidentRef: 'INC-1',
      });
    }
    await setup('GET /action-items', undefined);
    // A ticket for the first item (the test backend's tracker supports every entity), so that
    // ticket creation has succeeded whatever the run draws; the other item has none yet.
    await setup('POST /action-items/{id}/ticket', { version: 1 });
    // A postmortem in review that Bob owns, so that Alice's approvals can succeed.
    const postmortem = await setup('POST /incidents/{idOrRef}/postmortem');
    const inReview = await setup('PATCH /postmortems/{id}', {
      version: postmortem.version,
      ownerRef: users.bob,
      status: 'in_review',
    });
    // INC-3 covered by it for a moment, so that attaching and detaching have succeeded whatever
    // the run draws; the run starts with the postmortem covering its own incident only.
    await setup('POST /postmortems/{id}/incidents', {
      incidentRef: 'INC-3',
      version: inReview.version,
    });
    await setup(
      'DELETE /postmortems/{id}/incidents/{idOrRef}',
      undefined,
      'alice',
      {
        id: postmortem.id,
        idOrRef: 'INC-3',
      },
    );
    // A stored runbook of INC-1's entity, ticked once, so that ticks have steps to name.
    const runbook = await setup('POST /runbooks', {
      title: 'Payments API errors',
      body: 'Start with the database.',
      ownerRef: 'group:default/payments',
      entityRefs: ['component:default/payments-api'],
      steps: [{ title: 'Check the database' }],
    });
    await setup('POST /incidents/{idOrRef}/runbook-steps', {
      runbookId: runbook.id,
      version: runbook.version,
      stepId: runbook.steps[0].id,
      done: true,
    });
    await setup('POST /calendar/tokens', {});
    await setup('POST /calendar/tokens', { scheduleId: schedule.id });
    await setup('GET /incidents', undefined);

    const hints = fuzzFieldHints(settings, START);
    const plans = fc.oneof(...operations.map(o => requestPlanArb(o, hints)));
    await fc.assert(
      fc.asyncProperty(plans, async plan => {
        const { request, response, problems } = await exchange(plan);
        if (problems.length === 0) return;
        const report = `${request.method} ${request.path} as ${
          plan.sender
        }\n  headers ${JSON.stringify(request.headers)}\n  body ${
          request.body
        }\n  → ${response.status} ${response.text.slice(
          0,
          500,
        )}\n  ${problems.join('\n  ')}`;
        if (!SURVEY) throw new Error(report);
        // One example of each kind of problem, listed when the run ends.
        const kind = `${plan.operation} ${problems[0].slice(0, 80)}`;
        if (!surveyed.has(kind)) surveyed.set(kind, report);
      }),
      { seed: SEED, numRuns: RUNS },
    );
    agent.destroy();
    durations.set(id, Date.now() - started);

    expect([...surveyed.values()]).toEqual([]);
    expect(state.problems).toEqual([]);
    expect(await databaseProblems(knex, state)).toEqual([]);
    // Coverage must not silently regress: an operation that never succeeds is only ever tested
    // for how it refuses.
    expect(neverSucceededOf(succeededHere)).toEqual([]);
  });
});
