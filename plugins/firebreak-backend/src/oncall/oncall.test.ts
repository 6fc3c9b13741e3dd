import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import {
  coveredSpecResponses,
  documentedResponses,
} from '../__testUtils__/openApiConformance';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const NOW = '2026-06-03T12:00:00.000Z'; // a Wednesday

const weekly = {
  name: 'Payments primary',
  ownerRef: 'group:default/payments',
  timeZone: 'America/New_York',
  layers: [
    {
      name: 'Weekly',
      participants: ['user:default/alice', 'user:default/bob'],
      rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
    },
  ],
};

describe.each(databases.eachSupportedId())('on-call API on %s', id => {
  let knex: Knex;
  let server: FirebreakTestBackend['server'];

  beforeEach(async () => {
    knex = await databases.init(id);
    ({ server } = await startFirebreak({
      knex,
      now: () => new Date(NOW),
    }));
  });

  const post = (path: string, body: object, user = users.alice) =>
    request(server)
      .post(`/api/firebreak${path}`)
      .set('Authorization', as(user))
      .send(body);
  const get = (path: string, user = users.alice) =>
    request(server).get(`/api/firebreak${path}`).set('Authorization', as(user));

  async function paymentsSetup() {
    const schedule = await post('/schedules', weekly);
    expect(schedule.status).toBe(201);
    const policy = await post('/escalation-policies', {
      name: 'Payments default',
      ownerRef: 'group:default/payments',
      levels: [
        {
          targets: [{ type: 'schedule', ref: schedule.body.id }],
          ackTimeoutMinutes: 5,
        },
        { targets: [{ type: 'user', ref: 'user:bob' }], ackTimeoutMinutes: 10 },
      ],
      repeat: 1,
    });
    expect(policy.status).toBe(201);
    return { schedule: schedule.body, policy: policy.body };
  }

  it('creates a schedule and answers its merged shifts, overrides on top', async () => {
    const { schedule } = await paymentsSetup();
    expect(schedule).toMatchObject({
      id: expect.any(String),
      ownerRef: 'group:default/payments',
      version: 1,
    });

    const override = await post(`/schedules/${schedule.id}/overrides`, {
      userRef: 'user:default/bob',
      start: '2026-06-04T13:00:00.000Z',
      end: '2026-06-04T17:00:00.000Z',
    });
    expect(override.status).toBe(201);

    const shifts = await get(
      `/schedules/${schedule.id}/shifts?from=2026-06-03T00:00:00Z&to=2026-06-09T00:00:00Z`,
    );
    expect(shifts.status).toBe(200);
    expect(shifts.body).toEqual([
      // Alice's week started Monday 09:00 New York time (13:00Z in summer).
      {
        userRef: 'user:default/alice',
        start: '2026-06-03T00:00:00.000Z',
        end: '2026-06-04T13:00:00.000Z',
      },
      {
        userRef: 'user:default/bob',
        start: '2026-06-04T13:00:00.000Z',
        end: '2026-06-04T17:00:00.000Z',
      },
      {
        userRef: 'user:default/alice',
        start: '2026-06-04T17:00:00.000Z',
        end: '2026-06-08T13:00:00.000Z',
      },
      {
        userRef: 'user:default/bob',
        start: '2026-06-08T13:00:00.000Z',
        end: '2026-06-09T00:00:00.000Z',
      },
    ]);
  });

  it('answers who is on call for an entity, through its owner’s default policy', async () => {
    const { policy } = await paymentsSetup();
    const res = await get('/oncall?entityRef=component:default/payments-api');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      entityRef: 'component:default/payments-api',
      policy: { id: policy.id, name: 'Payments default' },
      policySource: 'owner',
      levels: [
        {
          level: 1,
          users: [
            {
              userRef: 'user:default/alice',
              until: '2026-06-08T13:00:00.000Z',
            },
          ],
          next: [
            expect.objectContaining({
              userRef: 'user:default/bob',
              start: '2026-06-08T13:00:00.000Z',
            }),
          ],
        },
        { level: 2, users: [{ userRef: 'user:default/bob' }] },
      ],
    });

    // At another instant, someone else.
    const later = await get(
      '/oncall?entityRef=component:default/payments-api&at=2026-06-10T00:00:00Z',
    );
    expect(later.body.levels[0].users[0].userRef).toBe('user:default/bob');

    // Without any policy: no levels, and that is an answer, not an error.
    const none = await get('/oncall?entityRef=component:default/checkout');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({
      entityRef: 'component:default/checkout',
      levels: [],
    });
  });

  it('prefers the policy the entity’s annotation names', async () => {
    await paymentsSetup();
    const experts = await post(
      '/escalation-policies',
      {
        name: 'Search experts',
        ownerRef: 'group:default/storefront',
        levels: [
          {
            targets: [{ type: 'user', ref: 'user:bob' }],
            ackTimeoutMinutes: 15,
          },
        ],
      },
      users.bob,
    );
    expect(experts.status).toBe(201);
    const res = await post('/oncall/query', {
      entityRefs: [
        'component:default/search',
        'component:default/payments-api',
      ],
    });
    expect(res.status).toBe(200);
    expect(
      res.body.items.map(
        (i: { policy: { name: string }; policySource: string }) =>
          `${i.policy.name} (${i.policySource})`,
      ),
    ).toEqual(['Search experts (annotation)', 'Payments default (owner)']);
  });

  it('refuses an instant no database can hold, naming the field, instead of failing', async () => {
    await paymentsSetup();
    // Date parses it (the largest Date there is); luxon and the databases do not.
    const farFuture = '+275760-09-13T00:00:00.000Z';
    const query = await post('/oncall/query', {
      entityRefs: ['component:default/payments-api'],
      at: farFuture,
    });
    expect(query.status).toBe(400);
    expect(query.body.error.message).toBe('at: must be an ISO 8601 instant');
    const single = await get(
      `/oncall?entityRef=component:default/payments-api&at=9999-12-31T23:00:00-05:00`,
    );
    expect(single.status).toBe(400);
    expect(single.body.error.message).toBe(
      'at: must be in the years 1000 to 9999 (UTC)',
    );
    const lastInstant = await post('/oncall/query', {
      entityRefs: ['component:default/payments-api'],
      at: '9999-12-31T23:59:59.999Z',
    });
    expect(lastInstant.status).toBe(200);
  });

  it('declaring an incident pages the on-call, who becomes commander', async () => {
    await paymentsSetup();
    const declared = await post(
      '/incidents',
      {
        title: 'Card payments failing',
        severity: 'SEV1',
        entityRefs: ['component:default/payments-api'],
      },
      users.bob,
    );
    expect(declared.status).toBe(201);
    expect(declared.body.roles.commander).toBe('user:default/alice');

    const pages = await get(`/incidents/${declared.body.ref}/pages`);
    expect(pages.body.items).toEqual([
      expect.objectContaining({
        policyName: 'Payments default',
        status: 'active',
        level: 1,
        round: 1,
        notified: ['user:default/alice'],
        nextEscalationAt: '2026-06-03T12:05:00.000Z',
      }),
    ]);

    // Alice was paged, so she may acknowledge; the first acknowledgement is the MTTA mark.
    const ack = await post(`/incidents/${declared.body.id}/acknowledge`, {});
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      acknowledged: 1,
      incident: { acknowledgedAt: NOW },
    });
    const timeline = await get(`/incidents/${declared.body.id}/timeline`);
    expect(timeline.body.items.map((e: { type: string }) => e.type)).toEqual([
      'declared',
      'paged',
      'page_acknowledged',
    ]);
  });

  it('keeps the declarer as commander when nobody is on call', async () => {
    const declared = await post('/incidents', {
      title: 'Checkout slow',
      severity: 'SEV3',
      entityRefs: ['component:default/checkout'],
    });
    expect(declared.body.roles.commander).toBe(users.alice);
    const pages = await get(`/incidents/${declared.body.id}/pages`);
    expect(pages.body.items).toEqual([]);
  });

  it('refuses a stale version with 409 and changes nothing', async () => {
    const { schedule } = await paymentsSetup();
    const patch = (version: number, name: string) =>
      request(server)
        .patch(`/api/firebreak/schedules/${schedule.id}`)
        .set('Authorization', as(users.alice))
        .send({ version, name });
    expect((await patch(1, 'First')).status).toBe(200);
    const stale = await patch(1, 'Second');
    expect(stale.status).toBe(409);
    expect((await get(`/schedules/${schedule.id}`)).body.name).toBe('First');
  });

  it.each([
    [{ ...weekly, timeZone: 'Mars/Olympus' }, 'timeZone'],
    [
      { ...weekly, layers: [{ ...weekly.layers[0], participants: [] }] },
      'layers[0].participants',
    ],
    [
      {
        ...weekly,
        layers: [
          { ...weekly.layers[0], participants: ['group:default/payments'] },
        ],
      },
      'layers[0].participants[0]',
    ],
    [
      {
        ...weekly,
        layers: [
          { ...weekly.layers[0], participants: ['user:default/nobody'] },
        ],
      },
      'layers[0].participants[0]',
    ],
    [{ ...weekly, ownerRef: 'user:default/alice' }, 'ownerRef'],
    [
      {
        ...weekly,
        layers: [
          {
            ...weekly.layers[0],
            rotation: { type: 'hours', handoff: '2026-06-01T09:00' },
          },
        ],
      },
      'layers[0].rotation.hours',
    ],
    [{ ...weekly, name: '' }, 'name'],
  ])(
    'answers 400 naming the field for a bad schedule (%#)',
    async (body, field) => {
      const res = await post('/schedules', body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(
        new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}:`),
      );
      expect((await get('/schedules')).body.items).toEqual([]);
    },
  );

  it.each([
    [
      {
        userRef: 'user:default/bob',
        start: '2026-06-05T00:00:00Z',
        end: '2026-06-04T00:00:00Z',
      },
      'end',
    ],
    [
      {
        userRef: 'group:default/payments',
        start: '2026-06-04T00:00:00Z',
        end: '2026-06-05T00:00:00Z',
      },
      'userRef',
    ],
    [
      {
        userRef: 'user:default/bob',
        start: 'tomorrow',
        end: '2026-06-05T00:00:00Z',
      },
      'start',
    ],
  ])(
    'answers 400 naming the field for a bad override (%#)',
    async (body, field) => {
      const { schedule } = await paymentsSetup();
      const res = await post(`/schedules/${schedule.id}/overrides`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(new RegExp(`^${field}:`));
      expect((await get(`/schedules/${schedule.id}`)).body.overrides).toEqual(
        [],
      );
    },
  );

  it('answers 400 naming the field for a policy targeting an unknown schedule', async () => {
    const res = await post('/escalation-policies', {
      name: 'Broken',
      ownerRef: 'group:default/payments',
      levels: [
        {
          targets: [
            { type: 'schedule', ref: '00000000-0000-4000-8000-000000000000' },
          ],
          ackTimeoutMinutes: 5,
        },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^levels\[0\]\.targets\[0\]\.ref:/);
  });

  it('serves my shifts, and an iCal feed on an unguessable token without sign-in', async () => {
    const { schedule } = await paymentsSetup();
    const mine = await get(
      '/oncall/me/shifts?from=2026-06-01T00:00:00Z&to=2026-06-16T00:00:00Z',
      users.bob,
    );
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      // The rotation runs backwards too: Bob had the week before Alice's anchor week.
      {
        scheduleId: schedule.id,
        scheduleName: 'Payments primary',
        start: '2026-06-01T00:00:00.000Z',
        end: '2026-06-01T13:00:00.000Z',
      },
      {
        scheduleId: schedule.id,
        scheduleName: 'Payments primary',
        start: '2026-06-08T13:00:00.000Z',
        end: '2026-06-15T13:00:00.000Z',
      },
    ]);

    const token = await post('/calendar/tokens', {}, users.bob);
    expect(token.status).toBe(200);
    expect(token.body.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const again = await post('/calendar/tokens', {}, users.bob);
    expect(again.body.token).toBe(token.body.token);
    expect(
      (await post('/calendar/tokens', {}, users.alice)).body.token,
    ).not.toBe(token.body.token);

    const feed = await request(server).get(`/api/firebreak${token.body.path}`);
    expect(feed.status).toBe(200);
    expect(feed.headers['content-type']).toMatch(/^text\/calendar/);
    expect(feed.text).toContain('BEGIN:VCALENDAR');
    expect(feed.text).toContain('SUMMARY:On call: Payments primary');
    expect(feed.text).toContain('DTSTART:20260608T130000Z');

    const scheduleToken = await post('/calendar/tokens', {
      scheduleId: schedule.id,
    });
    const scheduleFeed = await request(server).get(
      `/api/firebreak${scheduleToken.body.path}`,
    );
    expect(scheduleFeed.text).toContain(
      'SUMMARY:alice on call (Payments primary)',
    );

    const guessed = await request(server).get(
      '/api/firebreak/calendar/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA.ics',
    );
    expect(guessed.status).toBe(404);
  });

  it('gives every documented on-call and paging response, each as the spec says', async () => {
    const { schedule, policy } = await paymentsSetup();
    const incident = await post('/incidents', {
      title: 'Card payments failing',
      severity: 'SEV2',
      entityRefs: ['component:default/payments-api'],
    });
    const unknown = '00000000-0000-4000-8000-000000000000';
    const token = (await post('/calendar/tokens', {})).body.path;
    const call = (
      method: 'get' | 'post' | 'patch' | 'delete',
      path: string,
      user?: string,
      body?: object,
    ) => {
      const req = request(server)[method](`/api/firebreak${path}`);
      if (user) req.set('Authorization', as(user));
      return body ? req.send(body) : req;
    };
    const { alice, mallory } = users;
    const override = {
      userRef: users.bob,
      start: '2026-06-04T00:00:00Z',
      end: '2026-06-05T00:00:00Z',
    };
    const added = await post(`/schedules/${schedule.id}/overrides`, override);
    const s = `/schedules/${schedule.id}`;
    const p = `/escalation-policies/${policy.id}`;
    const i = `/incidents/${incident.body.id}`;
    const level = {
      targets: [{ type: 'user', ref: users.bob }],
      ackTimeoutMinutes: 5,
    };
    const cases: Array<[number, () => request.Test]> = [
      [
        200,
        () => call('get', '/schedules?ownerRef=group:default/payments', alice),
      ],
      [400, () => call('get', '/schedules?ownerRef=', alice)],
      [401, () => call('get', '/schedules')],
      [403, () => call('get', '/schedules', mallory)],
      [201, () => call('post', '/schedules', alice, weekly)],
      [
        400,
        () =>
          call('post', '/schedules', alice, { ...weekly, timeZone: 'Nowhere' }),
      ],
      [401, () => call('post', '/schedules', undefined, weekly)],
      [403, () => call('post', '/schedules', mallory, weekly)],
      [200, () => call('get', s, alice)],
      [401, () => call('get', s)],
      [403, () => call('get', s, mallory)],
      [404, () => call('get', `/schedules/${unknown}`, alice)],
      [200, () => call('patch', s, alice, { version: 1, name: 'Renamed' })],
      [409, () => call('patch', s, alice, { version: 1, name: 'Again' })],
      [400, () => call('patch', s, alice, { version: 2, timeZone: 'Nowhere' })],
      [401, () => call('patch', s, undefined, { version: 2 })],
      [403, () => call('patch', s, mallory, { version: 2 })],
      [
        404,
        () => call('patch', `/schedules/${unknown}`, alice, { version: 1 }),
      ],
      [200, () => call('get', `${s}/shifts`, alice)],
      [400, () => call('get', `${s}/shifts?from=soon`, alice)],
      [401, () => call('get', `${s}/shifts`)],
      [403, () => call('get', `${s}/shifts`, mallory)],
      [404, () => call('get', `/schedules/${unknown}/shifts`, alice)],
      [201, () => call('post', `${s}/overrides`, alice, override)],
      [
        400,
        () =>
          call('post', `${s}/overrides`, alice, {
            ...override,
            end: override.start,
          }),
      ],
      [401, () => call('post', `${s}/overrides`, undefined, override)],
      [403, () => call('post', `${s}/overrides`, mallory, override)],
      [
        404,
        () => call('post', `/schedules/${unknown}/overrides`, alice, override),
      ],
      [401, () => call('delete', `${s}/overrides/${added.body.id}`)],
      [403, () => call('delete', `${s}/overrides/${added.body.id}`, mallory)],
      [204, () => call('delete', `${s}/overrides/${added.body.id}`, alice)],
      [404, () => call('delete', `${s}/overrides/${added.body.id}`, alice)],
      [200, () => call('get', '/escalation-policies', alice)],
      [400, () => call('get', '/escalation-policies?ownerRef=', alice)],
      [401, () => call('get', '/escalation-policies')],
      [403, () => call('get', '/escalation-policies', mallory)],
      [
        201,
        () =>
          call('post', '/escalation-policies', alice, {
            name: 'Backup',
            ownerRef: 'group:default/payments',
            levels: [level],
          }),
      ],
      [
        409,
        () =>
          call('post', '/escalation-policies', alice, {
            name: 'backup',
            ownerRef: 'group:default/payments',
            levels: [level],
          }),
      ],
      [
        400,
        () =>
          call('post', '/escalation-policies', alice, {
            name: 'Empty',
            ownerRef: 'group:default/payments',
            levels: [],
          }),
      ],
      [
        401,
        () =>
          call('post', '/escalation-policies', undefined, {
            name: 'X',
            ownerRef: 'group:default/payments',
            levels: [level],
          }),
      ],
      [
        403,
        () =>
          call('post', '/escalation-policies', mallory, {
            name: 'X',
            ownerRef: 'group:default/payments',
            levels: [level],
          }),
      ],
      [200, () => call('get', p, alice)],
      [401, () => call('get', p)],
      [403, () => call('get', p, mallory)],
      [404, () => call('get', `/escalation-policies/${unknown}`, alice)],
      [200, () => call('patch', p, alice, { version: 1, repeat: 2 })],
      [409, () => call('patch', p, alice, { version: 1, repeat: 3 })],
      [400, () => call('patch', p, alice, { version: 2, repeat: -1 })],
      [401, () => call('patch', p, undefined, { version: 2 })],
      [403, () => call('patch', p, mallory, { version: 2 })],
      [
        404,
        () =>
          call('patch', `/escalation-policies/${unknown}`, alice, {
            version: 1,
          }),
      ],
      [
        200,
        () =>
          call(
            'get',
            '/oncall?entityRef=component:default/payments-api',
            alice,
          ),
      ],
      [400, () => call('get', '/oncall?entityRef=no-kind-or-name:', alice)],
      [
        401,
        () => call('get', '/oncall?entityRef=component:default/payments-api'),
      ],
      [
        403,
        () =>
          call(
            'get',
            '/oncall?entityRef=component:default/payments-api',
            mallory,
          ),
      ],
      [
        404,
        () => call('get', '/oncall?entityRef=component:default/unknown', alice),
      ],
      [
        200,
        () =>
          call('post', '/oncall/query', alice, {
            entityRefs: ['component:default/ledger'],
          }),
      ],
      [400, () => call('post', '/oncall/query', alice, { entityRefs: [] })],
      [
        401,
        () =>
          call('post', '/oncall/query', undefined, {
            entityRefs: ['component:default/ledger'],
          }),
      ],
      [
        403,
        () =>
          call('post', '/oncall/query', mallory, {
            entityRefs: ['component:default/ledger'],
          }),
      ],
      [
        404,
        () =>
          call('post', '/oncall/query', alice, {
            entityRefs: ['component:default/unknown'],
          }),
      ],
      [200, () => call('get', '/oncall/me/shifts', alice)],
      [400, () => call('get', '/oncall/me/shifts?to=later', alice)],
      [401, () => call('get', '/oncall/me/shifts')],
      [403, () => call('get', '/oncall/me/shifts', mallory)],
      [
        200,
        () =>
          call('post', '/calendar/tokens', alice, { scheduleId: schedule.id }),
      ],
      [400, () => call('post', '/calendar/tokens', alice, { scheduleId: '' })],
      [401, () => call('post', '/calendar/tokens', undefined, {})],
      [403, () => call('post', '/calendar/tokens', mallory, {})],
      [
        404,
        () => call('post', '/calendar/tokens', alice, { scheduleId: unknown }),
      ],
      [200, () => call('get', token)],
      [
        200,
        () =>
          call('post', '/calendar/tokens/rotate', alice, {
            scheduleId: schedule.id,
          }),
      ],
      [
        400,
        () =>
          call('post', '/calendar/tokens/rotate', alice, { scheduleId: '' }),
      ],
      [401, () => call('post', '/calendar/tokens/rotate', undefined, {})],
      [403, () => call('post', '/calendar/tokens/rotate', mallory, {})],
      [
        404,
        () =>
          call('post', '/calendar/tokens/rotate', alice, {
            scheduleId: unknown,
          }),
      ],
      [400, () => call('get', '/calendar/feed.txt')],
      [404, () => call('get', `/calendar/${'A'.repeat(32)}.ics`)],
      [200, () => call('get', `${i}/pages`, alice)],
      [401, () => call('get', `${i}/pages`)],
      [403, () => call('get', `${i}/pages`, mallory)],
      [404, () => call('get', '/incidents/INC-99/pages', alice)],
      [200, () => call('post', `${i}/escalate`, alice, {})],
      // Escalating by hand again before the level's acknowledgement timeout is too soon.
      [429, () => call('post', `${i}/escalate`, alice, {})],
      [401, () => call('post', `${i}/escalate`, undefined, {})],
      [403, () => call('post', `${i}/escalate`, mallory, {})],
      [404, () => call('post', '/incidents/INC-99/escalate', alice, {})],
      [200, () => call('post', `${i}/acknowledge`, alice, {})],
      [401, () => call('post', `${i}/acknowledge`, undefined, {})],
      [403, () => call('post', `${i}/acknowledge`, mallory, {})],
      [404, () => call('post', '/incidents/INC-99/acknowledge', alice, {})],
      [200, () => call('patch', i, alice, { version: 2, status: 'resolved' })],
      [400, () => call('post', `${i}/escalate`, alice, {})],
      [401, () => call('delete', s)],
      [403, () => call('delete', s, mallory)],
      [204, () => call('delete', s, alice)],
      [404, () => call('delete', s, alice)],
      [401, () => call('delete', p)],
      [403, () => call('delete', p, mallory)],
      [204, () => call('delete', p, alice)],
      [404, () => call('delete', p, alice)],
    ];
    const statuses: number[] = [];
    for (const [, send] of cases) {
      statuses.push((await send()).status);
    }
    expect(statuses).toEqual(cases.map(([status]) => status));

    await new Promise(resolve => setImmediate(resolve));
    const tags = ['oncall', 'paging'];
    expect(coveredSpecResponses(tags)).toEqual(documentedResponses(tags));
  });

  describe('auth matrix', () => {
    const routes: Array<{
      method: 'get' | 'post' | 'patch' | 'delete';
      path: (ids: { schedule: string; policy: string }) => string;
      body?: object;
      /** The viewer may read; mallory may do nothing. */
      read: boolean;
    }> = [
      { method: 'get', path: () => '/schedules', read: true },
      { method: 'post', path: () => '/schedules', body: weekly, read: false },
      { method: 'get', path: i => `/schedules/${i.schedule}`, read: true },
      {
        method: 'patch',
        path: i => `/schedules/${i.schedule}`,
        body: { version: 1, name: 'Renamed' },
        read: false,
      },
      {
        method: 'get',
        path: i => `/schedules/${i.schedule}/shifts`,
        read: true,
      },
      {
        method: 'post',
        path: i => `/schedules/${i.schedule}/overrides`,
        body: {
          userRef: 'user:default/bob',
          start: '2026-06-04T00:00:00Z',
          end: '2026-06-05T00:00:00Z',
        },
        read: false,
      },
      { method: 'get', path: () => '/escalation-policies', read: true },
      {
        method: 'post',
        path: () => '/escalation-policies',
        body: {
          name: 'Another',
          ownerRef: 'group:default/payments',
          levels: [
            {
              targets: [{ type: 'user', ref: 'user:bob' }],
              ackTimeoutMinutes: 5,
            },
          ],
        },
        read: false,
      },
      {
        method: 'get',
        path: i => `/escalation-policies/${i.policy}`,
        read: true,
      },
      {
        method: 'patch',
        path: i => `/escalation-policies/${i.policy}`,
        body: { version: 1, repeat: 2 },
        read: false,
      },
      {
        method: 'get',
        path: () => '/oncall?entityRef=component:default/payments-api',
        read: true,
      },
      {
        method: 'post',
        path: () => '/oncall/query',
        body: { entityRefs: ['component:default/payments-api'] },
        read: true,
      },
      { method: 'get', path: () => '/oncall/me/shifts', read: true },
      { method: 'post', path: () => '/calendar/tokens', body: {}, read: true },
      {
        method: 'post',
        path: () => '/calendar/tokens/rotate',
        body: {},
        read: true,
      },
      { method: 'delete', path: i => `/schedules/${i.schedule}`, read: false },
      {
        method: 'delete',
        path: i => `/escalation-policies/${i.policy}`,
        read: false,
      },
    ];

    it.each(
      routes.map(r => [
        `${r.method.toUpperCase()} ${r.path({
          schedule: ':id',
          policy: ':id',
        })}`,
        r,
      ]),
    )(
      '%s: 401 without credentials, 403 when not permitted, 2xx when allowed',
      async (_, route) => {
        const { schedule, policy } = await paymentsSetup();
        const path = `/api/firebreak${route.path({
          schedule: schedule.id,
          policy: policy.id,
        })}`;
        const send = (user?: string) => {
          const req = request(server)[route.method](path);
          if (user) req.set('Authorization', as(user));
          return route.body ? req.send(route.body) : req;
        };
        expect((await send()).status).toBe(401);
        expect((await send(users.mallory)).status).toBe(403);
        expect((await send(users.viewer)).status).toBe(route.read ? 200 : 403);
        expect((await send(users.alice)).status).toBeLessThan(300);
      },
    );
  });
});
