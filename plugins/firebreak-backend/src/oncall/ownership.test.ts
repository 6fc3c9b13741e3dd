import { mockCredentials } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { Knex } from 'knex';
import request from 'supertest';
import {
  AskedPermission,
  callApi,
  FirebreakTestBackend,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const NOW = '2026-06-03T12:00:00.000Z';
const PAYMENTS = 'group:default/payments';
const STOREFRONT = 'group:default/storefront';

const schedule = (ownerRef: string) => ({
  name: `${ownerRef} primary`,
  ownerRef,
  timeZone: 'Europe/Paris',
  layers: [
    {
      name: 'Weekly',
      participants: ['user:default/alice'],
      rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
    },
  ],
});
const policy = (ownerRef: string, extra: object = {}) => ({
  name: `${ownerRef} default`,
  ownerRef,
  levels: [
    { targets: [{ type: 'user', ref: 'user:bob' }], ackTimeoutMinutes: 5 },
  ],
  ...extra,
});

/** The test policy, plus: nobody may manage Storefront's on-call configuration. */
const denyStorefront = (check: AskedPermission) =>
  check.permission === 'firebreak.oncall.create' &&
  check.resourceRef === `owner:${STOREFRONT}`;

describe.each(databases.eachSupportedId())('on-call ownership on %s', id => {
  let knex: Knex;
  let started: FirebreakTestBackend;

  beforeEach(async () => {
    knex = await databases.init(id);
    started = await startFirebreak({
      knex,
      now: () => new Date(NOW),
      deny: denyStorefront,
    });
  });

  const send = (
    method: 'post' | 'patch',
    path: string,
    body: object,
    user = users.alice,
  ) => callApi(started.server, method, path, body, user);
  /** The on-call create checks asked since `from`, as `resourceRef`s. */
  const createChecksSince = (from: number) =>
    started.asked
      .slice(from)
      .filter(c => c.permission === 'firebreak.oncall.create')
      .map(c => c.resourceRef);

  it('asks to create on the owner the new schedule or policy will have', async () => {
    const created = await send('post', '/schedules', {
      ...schedule('Payments'),
    });
    expect(created.status).toBe(201);
    // Kind and namespace filled in and lower-cased, as the frontend asks too.
    expect(createChecksSince(0)).toEqual([`owner:${PAYMENTS}`]);

    const from = started.asked.length;
    expect(
      (await send('post', '/escalation-policies', policy(PAYMENTS))).status,
    ).toBe(201);
    expect(createChecksSince(from)).toEqual([`owner:${PAYMENTS}`]);
  });

  it('answers 403 naming the owner for a team the caller may not manage, and writes nothing', async () => {
    const refused = await send('post', '/schedules', schedule(STOREFRONT));
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe(
      `ownerRef: you may not manage on-call configuration of ${STOREFRONT}`,
    );
    expect(
      (
        await send(
          'post',
          '/escalation-policies',
          policy(STOREFRONT, { isDefault: true }),
        )
      ).status,
    ).toBe(403);
    const [{ n: schedules }] = await knex('firebreak_schedules').count({
      n: '*',
    });
    const [{ n: policies }] = await knex('firebreak_escalation_policies').count(
      { n: '*' },
    );
    expect([Number(schedules), Number(policies)]).toEqual([0, 0]);
  });

  it('moving asks to update the schedule or policy and to create on the new owner', async () => {
    const own = (await send('post', '/schedules', schedule(PAYMENTS))).body;
    const ownPolicy = (
      await send('post', '/escalation-policies', policy(PAYMENTS))
    ).body;

    const from = started.asked.length;
    const moved = await send('patch', `/schedules/${own.id}`, {
      version: own.version,
      ownerRef: STOREFRONT,
    });
    expect(moved.status).toBe(403);
    expect(
      started.asked.slice(from).map(c => [c.permission, c.resourceRef]),
    ).toEqual([
      ['firebreak.oncall.read', undefined],
      ['firebreak.oncall.update', `schedule:${own.id}`],
      ['firebreak.oncall.create', `owner:${STOREFRONT}`],
    ]);
    expect(
      (
        await send('patch', `/escalation-policies/${ownPolicy.id}`, {
          version: ownPolicy.version,
          ownerRef: STOREFRONT,
        })
      ).status,
    ).toBe(403);

    // Nothing changed.
    const after = await callApi(started.server, 'get', `/schedules/${own.id}`);
    expect(after.body).toMatchObject({
      ownerRef: PAYMENTS,
      version: own.version,
    });
    const policyAfter = await callApi(
      started.server,
      'get',
      `/escalation-policies/${ownPolicy.id}`,
    );
    expect(policyAfter.body).toMatchObject({
      ownerRef: PAYMENTS,
      isDefault: true,
    });
  });

  it('keeping the owner (in any spelling) asks nothing of the owner', async () => {
    const own = (await send('post', '/schedules', schedule(PAYMENTS))).body;
    const from = started.asked.length;
    const renamed = await send('patch', `/schedules/${own.id}`, {
      version: own.version,
      ownerRef: 'Payments',
      name: 'Renamed',
    });
    expect(renamed.status).toBe(200);
    expect(createChecksSince(from)).toEqual([]);
  });

  it('making a policy the default asks to create on its owner', async () => {
    await send('post', '/escalation-policies', policy(PAYMENTS));
    const second = (
      await send('post', '/escalation-policies', {
        ...policy(PAYMENTS),
        name: 'Payments second',
        isDefault: false,
      })
    ).body;
    expect(second.isDefault).toBe(false);
    const from = started.asked.length;
    const made = await send('patch', `/escalation-policies/${second.id}`, {
      version: second.version,
      isDefault: true,
    });
    expect(made.status).toBe(200);
    expect(made.body.isDefault).toBe(true);
    expect(createChecksSince(from)).toEqual([`owner:${PAYMENTS}`]);
  });

  it('a default policy that moves is not the new team’s default', async () => {
    const allowAll = await startFirebreak({ knex, now: () => new Date(NOW) });
    const post = (path: string, body: object) =>
      callApi(allowAll.server, 'post', path, body);
    await post('/escalation-policies', policy(STOREFRONT));
    const payments = (await post('/escalation-policies', policy(PAYMENTS)))
      .body;
    expect(payments.isDefault).toBe(true);
    const moved = await callApi(
      allowAll.server,
      'patch',
      `/escalation-policies/${payments.id}`,
      { version: payments.version, ownerRef: STOREFRONT },
    );
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({
      ownerRef: STOREFRONT,
      isDefault: false,
    });
    const defaults = await knex('firebreak_escalation_policies')
      .where({ owner_ref: STOREFRONT })
      .whereIn('is_default', [true, 1]);
    expect(defaults).toHaveLength(1);
  });

  it.each([
    [`owner:${PAYMENTS}`, [PAYMENTS], AuthorizeResult.ALLOW],
    [`owner:${PAYMENTS}`, ['group:default/Payments'], AuthorizeResult.ALLOW],
    [`owner:${STOREFRONT}`, [PAYMENTS], AuthorizeResult.DENY],
  ])(
    'resolves %s for the IS_ONCALL_OWNER rule with claims %j: %s',
    async (resourceRef, claims, result) => {
      const answer = await request(started.server)
        .post(
          '/api/firebreak/.well-known/backstage/permissions/apply-conditions',
        )
        .set('Authorization', mockCredentials.service.header())
        .send({
          items: [
            {
              id: '1',
              resourceRef,
              resourceType: 'firebreak-oncall',
              conditions: {
                rule: 'IS_ONCALL_OWNER',
                resourceType: 'firebreak-oncall',
                params: { claims },
              },
            },
          ],
        });
      expect(answer.status).toBe(200);
      expect(answer.body.items).toEqual([{ id: '1', result }]);
    },
  );
});
