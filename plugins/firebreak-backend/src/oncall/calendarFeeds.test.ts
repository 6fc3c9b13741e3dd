import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  AskedPermission,
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const NOW = '2026-06-03T12:00:00.000Z';

const weekly = {
  name: 'Payments primary',
  ownerRef: 'group:default/payments',
  timeZone: 'Europe/Paris',
  layers: [
    {
      name: 'Weekly',
      participants: ['user:default/alice', 'user:default/bob'],
      rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
    },
  ],
};

describe.each(databases.eachSupportedId())('calendar feeds on %s', id => {
  let server: FirebreakTestBackend['server'];
  let scheduleId: string;

  const post = (path: string, body: object, user = users.alice) =>
    request(server)
      .post(`/api/firebreak${path}`)
      .set('Authorization', as(user))
      .send(body);
  const feed = (path: string) => request(server).get(`/api/firebreak${path}`);

  beforeEach(async () => {
    const knex: Knex = await databases.init(id);
    ({ server } = await startFirebreak({
      knex,
      now: () => new Date(NOW),
      // Bob is of Storefront: the test policy lets him change nothing of Payments.
      deny: (check: AskedPermission) =>
        check.user === users.bob &&
        check.permission === 'firebreak.oncall.update',
    }));
    scheduleId = (await post('/schedules', weekly)).body.id;
  });

  it('rotating a person’s feed: the old URL answers 404 at once, the new one the feed', async () => {
    const before = (await post('/calendar/tokens', {})).body;
    expect((await feed(before.path)).status).toBe(200);

    const rotated = await post('/calendar/tokens/rotate', {});
    expect(rotated.status).toBe(200);
    expect(rotated.body.token).not.toBe(before.token);
    expect(rotated.body.path).toBe(`/calendar/${rotated.body.token}.ics`);

    expect((await feed(before.path)).status).toBe(404);
    const now = await feed(rotated.body.path);
    expect(now.status).toBe(200);
    expect(now.text).toContain('On call: Payments primary');
    // Asking for the token afterwards gives the new one.
    expect((await post('/calendar/tokens', {})).body.token).toBe(
      rotated.body.token,
    );
    // Someone else's feed is untouched.
    const bobs = (await post('/calendar/tokens', {}, users.bob)).body;
    await post('/calendar/tokens/rotate', {});
    expect((await feed(bobs.path)).status).toBe(200);
  });

  it('opens a feed only with its token to the letter: case counts, on MySQL too', async () => {
    const { token } = (await post('/calendar/tokens', {})).body;
    const swapped = token.replace(/[a-zA-Z]/, (letter: string) =>
      letter === letter.toLowerCase()
        ? letter.toUpperCase()
        : letter.toLowerCase(),
    );
    expect(swapped).not.toBe(token);
    expect((await feed(`/calendar/${token}.ics`)).status).toBe(200);
    const refused = await feed(`/calendar/${swapped}.ics`);
    expect(refused.status).toBe(404);
    expect(refused.headers['cache-control']).toBe('private');
  });

  it('rotating a schedule’s feed takes the right to change the schedule', async () => {
    const before = (await post('/calendar/tokens', { scheduleId })).body;
    // Bob may read the schedule and its feed, not rotate it.
    const refused = await post(
      '/calendar/tokens/rotate',
      { scheduleId },
      users.bob,
    );
    expect(refused.status).toBe(403);
    expect((await feed(before.path)).status).toBe(200);

    const rotated = await post('/calendar/tokens/rotate', { scheduleId });
    expect(rotated.status).toBe(200);
    expect((await feed(before.path)).status).toBe(404);
    const now = await feed(rotated.body.path);
    expect(now.status).toBe(200);
    expect(now.text).toContain('BEGIN:VCALENDAR');
  });

  it('answers feeds with Cache-Control: private, a 404 too', async () => {
    const { path } = (await post('/calendar/tokens', {})).body;
    const found = await feed(path);
    expect(found.status).toBe(200);
    expect(found.headers['cache-control']).toBe('private');
    const missing = await feed(`/calendar/${'B'.repeat(32)}.ics`);
    expect(missing.status).toBe(404);
    expect(missing.headers['cache-control']).toBe('private');
  });
});
