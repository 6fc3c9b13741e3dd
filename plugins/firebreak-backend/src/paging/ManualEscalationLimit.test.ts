import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { nextManualEscalationAt } from './ManualEscalationLimit';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const MINUTE = 60_000;
const T0 = Date.parse('2026-06-03T12:00:00.000Z');

describe('nextManualEscalationAt', () => {
  const last = new Date(T0);
  it.each([
    ['never escalated by hand', undefined, [5], undefined],
    ['one level of 5 minutes', last, [5], T0 + 5 * MINUTE],
    [
      'several policies: the longest timeout',
      last,
      [5, 30, 10],
      T0 + 30 * MINUTE,
    ],
    ['nobody reachable: a minute', last, [], T0 + MINUTE],
    ['a timeout under a minute: a minute', last, [0], T0 + MINUTE],
  ])('%s', (_, lastEscalatedAt, ackTimeoutsMinutes, expected) => {
    expect(
      nextManualEscalationAt({
        lastEscalatedAt,
        ackTimeoutsMinutes,
      })?.getTime(),
    ).toBe(expected);
  });
});

describe.each(databases.eachSupportedId())('escalating by hand on %s', id => {
  let knex: Knex;
  let clock: number;
  let firebreak: FirebreakTestBackend;

  beforeEach(async () => {
    knex = await databases.init(id);
    clock = T0;
    firebreak = await startFirebreak({ knex, now: () => new Date(clock) });
  });

  const post = (
    path: string,
    body: object,
    user: string,
    server = firebreak.server,
  ) =>
    request(server)
      .post(`/api/firebreak${path}`)
      .set('Authorization', as(user))
      .send(body);

  /** Payments: alice's rotation for 5 minutes, then the viewer for 10; the policy runs 3 times. */
  async function paymentsPolicy() {
    const schedule = await post(
      '/schedules',
      {
        name: 'Payments primary',
        ownerRef: 'group:default/payments',
        timeZone: 'UTC',
        layers: [
          {
            name: 'Alice',
            participants: [users.alice],
            rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
          },
        ],
      },
      users.alice,
    );
    expect(schedule.status).toBe(201);
    const policy = await post(
      '/escalation-policies',
      {
        name: 'Payments default',
        ownerRef: 'group:default/payments',
        levels: [
          {
            targets: [{ type: 'schedule', ref: schedule.body.id }],
            ackTimeoutMinutes: 5,
          },
          {
            targets: [{ type: 'user', ref: users.viewer }],
            ackTimeoutMinutes: 10,
          },
        ],
        repeat: 2,
      },
      users.alice,
    );
    expect(policy.status).toBe(201);
  }

  /** Bob, of another team, declares on payments' service with himself as commander. */
  async function outsiderDeclares() {
    const declared = await post(
      '/incidents',
      {
        title: 'Payments look slow',
        severity: 'SEV2',
        entityRefs: ['component:default/payments-api'],
        commanderRef: users.bob,
      },
      users.bob,
    );
    expect(declared.status).toBe(201);
    return declared.body.ref as string;
  }

  const queuedPages = async () =>
    (
      await knex('firebreak_page_notifications')
        .orderBy(['created_at', 'round', 'level'])
        .select('user_ref', 'level')
    ).map(row => `${Number(row.level)} ${row.user_ref}`);

  const pagedEvents = async (ref: string) => {
    const timeline = await request(firebreak.server)
      .get(`/api/firebreak/incidents/${ref}/timeline`)
      .set('Authorization', as(users.alice));
    return timeline.body.items
      .filter((e: { type: string }) => e.type === 'paged')
      .map(
        (e: { actorRef: string; data: { level: number; round: number } }) =>
          `${e.actorRef} ${e.data.round}.${e.data.level}`,
      );
  };

  it('refuses a flood of escalations with 429 and Retry-After until the level timed out', async () => {
    await paymentsPolicy();
    const ref = await outsiderDeclares();

    const statuses: number[] = [];
    let refused: request.Response | undefined;
    for (let i = 0; i < 10; i += 1) {
      const answer = await post(`/incidents/${ref}/escalate`, {}, users.bob);
      statuses.push(answer.status);
      if (answer.status === 429) refused = answer;
    }
    expect(statuses).toEqual([
      200, 429, 429, 429, 429, 429, 429, 429, 429, 429,
    ]);
    // Level 2 (10 minutes) is being paged: escalating by hand is possible again at 12:10.
    expect(refused!.headers['retry-after']).toBe('600');
    expect(refused!.body.error.message).toContain('2026-06-03T12:10:00.000Z');
    expect(await queuedPages()).toEqual([
      '1 user:default/alice',
      '2 user:default/viewer',
    ]);

    clock += 10 * MINUTE - 1000;
    const almost = await post(`/incidents/${ref}/escalate`, {}, users.bob);
    expect(almost.status).toBe(429);
    expect(almost.headers['retry-after']).toBe('1');

    clock += 1000;
    expect(
      (await post(`/incidents/${ref}/escalate`, {}, users.bob)).status,
    ).toBe(200);
    // Who escalated and which level they paged are on the timeline.
    expect(await pagedEvents(ref)).toEqual([
      'service:firebreak/paging 1.1',
      'user:default/bob 1.2',
      'user:default/bob 2.1',
    ]);
  });

  it('when nothing is being paged, waits the timeout of the level escalating pages', async () => {
    await paymentsPolicy();
    const ref = await outsiderDeclares();
    expect(
      (await post(`/incidents/${ref}/acknowledge`, {}, users.alice)).status,
    ).toBe(200);

    // Nothing is being paged: escalating starts the policy again, at level 1 (5 minutes).
    expect(
      (await post(`/incidents/${ref}/escalate`, {}, users.bob)).status,
    ).toBe(200);
    expect(
      (await post(`/incidents/${ref}/acknowledge`, {}, users.alice)).status,
    ).toBe(200);
    const again = await post(`/incidents/${ref}/escalate`, {}, users.bob);
    expect(again.status).toBe(429);
    expect(again.headers['retry-after']).toBe('300');
    expect(await pagedEvents(ref)).toEqual([
      'service:firebreak/paging 1.1',
      'user:default/bob 1.1',
    ]);
  });

  it('lets one of two escalations at once through, across replicas', async () => {
    await paymentsPolicy();
    const ref = await outsiderDeclares();
    const other = await startFirebreak({ knex, now: () => new Date(clock) });

    const answers = await Promise.all([
      post(`/incidents/${ref}/escalate`, {}, users.bob),
      post(`/incidents/${ref}/escalate`, {}, users.bob, other.server),
    ]);
    expect(answers.map(a => a.status).sort()).toEqual([200, 429]);
    expect(await queuedPages()).toEqual([
      '1 user:default/alice',
      '2 user:default/viewer',
    ]);
  });
});
