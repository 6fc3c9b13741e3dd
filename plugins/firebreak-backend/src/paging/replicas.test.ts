import { TestDatabases } from '@backstage/backend-test-utils';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['POSTGRES_15', 'MYSQL_8'],
});

const MINUTE = 60_000;
const INCIDENTS = 200;

/** Waits for something other processes do, checking often; fails after a while. */
async function until(condition: () => boolean, what: string) {
  const deadline = Date.now() + 60_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise(r => setTimeout(r, 5));
  }
}

// Several replicas only make sense on a shared server database.
describe.each(databases.eachSupportedId())('two replicas on %s', id => {
  it('send every page notification exactly once, even when one stops mid-way', async () => {
    const knex = await databases.init(id);
    let clock = Date.parse('2026-06-03T12:00:00.000Z');
    const options = {
      knex,
      now: () => new Date(clock),
      config: { firebreak: { paging: { checkIntervalSeconds: 0.02 } } },
      sendDelayMs: 2,
    };
    const a = await startFirebreak(options);
    const b = await startFirebreak(options);
    const pages = () =>
      [...a.sent.notifications, ...b.sent.notifications].filter(
        n => n.payload.topic === 'firebreak:page',
      );

    const schedule = await request(a.server)
      .post('/api/firebreak/schedules')
      .set('Authorization', as(users.alice))
      .send({
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
      });
    expect(schedule.status).toBe(201);
    const policy = await request(b.server)
      .post('/api/firebreak/escalation-policies')
      .set('Authorization', as(users.alice))
      .send({
        name: 'Payments default',
        ownerRef: 'group:default/payments',
        levels: [
          {
            targets: [{ type: 'schedule', ref: schedule.body.id }],
            ackTimeoutMinutes: 5,
          },
          {
            targets: [{ type: 'user', ref: users.bob }],
            ackTimeoutMinutes: 10,
          },
        ],
      });
    expect(policy.status).toBe(201);

    // 200 declares, spread over both replicas, ten at a time.
    const refs: string[] = [];
    for (let batch = 0; batch < INCIDENTS / 10; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 10 }, (_, i) =>
          request(i % 2 ? a.server : b.server)
            .post('/api/firebreak/incidents')
            .set('Authorization', as(users.bob))
            .send({
              title: `Incident ${batch * 10 + i}`,
              severity: 'SEV2',
              entityRefs: ['component:default/payments-api'],
            }),
        ),
      );
      for (const answer of answers) {
        expect(answer.status).toBe(201);
        refs.push(answer.body.ref);
      }
    }
    await until(() => pages().length === INCIDENTS, 'the first level pages');

    // Nobody acknowledges: every page escalates to level 2. Replica A stops half-way.
    clock += 6 * MINUTE;
    await until(() => pages().length >= INCIDENTS + 20, 'escalations to start');
    await a.backend.stop();
    const whenStopped = pages().length;
    await until(
      () => pages().length >= 2 * INCIDENTS,
      'the second level pages',
    );
    await new Promise(r => setTimeout(r, 300)); // anything extra would show up by now
    await b.backend.stop();

    expect(whenStopped).toBeLessThan(2 * INCIDENTS);
    const sent = pages();
    expect(sent).toHaveLength(2 * INCIDENTS);
    const keys = sent.map(
      n =>
        `${n.payload.scope} ${
          (n.recipients as { entityRef: string }).entityRef
        }`,
    );
    expect(new Set(keys).size).toBe(2 * INCIDENTS);
    const to = (user: string) =>
      sent.filter(
        n => (n.recipients as { entityRef: string }).entityRef === user,
      );
    expect(to(users.alice)).toHaveLength(INCIDENTS);
    expect(to(users.bob)).toHaveLength(INCIDENTS);
    // Both replicas did part of the work.
    expect(
      a.sent.notifications.some(n => n.payload.topic === 'firebreak:page'),
    ).toBe(true);
    expect(
      b.sent.notifications.some(n => n.payload.topic === 'firebreak:page'),
    ).toBe(true);

    // Each incident's timeline says once that level 2 was paged.
    const paged = await knex('firebreak_timeline_events')
      .where({ type: 'paged' })
      .select('incident_id', 'data');
    expect(paged).toHaveLength(2 * INCIDENTS);
    expect(new Set(paged.map(p => `${p.incident_id} ${p.data}`)).size).toBe(
      2 * INCIDENTS,
    );
  });
});
