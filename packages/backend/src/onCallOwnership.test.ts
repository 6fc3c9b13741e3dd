/*
 * Part of the auth matrix: who may create, move, and make defaults of on-call
 * configuration, through the real permission stack — the example policy in the permission
 * backend, its conditional decisions applied by Firebreak's apply-conditions endpoint — with
 * ownership claims taken from the example organisation as the catalog relates it.
 *
 * Platform is the admin group (as in app-config.yaml): its members may do everything, so
 * Payments and Storefront are the teams tested as plain members, each against the other two.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { startExamplePermissionBackend } from './__testUtils__/examplePermissionBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

const TEAMS = ['payments', 'storefront', 'platform'] as const;
type Team = (typeof TEAMS)[number];
const MEMBER: Record<Team, string> = {
  payments: 'user:default/alice.nguyen',
  storefront: 'user:default/farah.haddad',
  platform: 'user:default/gustavo.ruiz',
};
const ADMIN_TEAMS: Team[] = ['platform'];

describe.each(databases.eachSupportedId())(
  'on-call ownership through the example permission policy on %s',
  databaseId => {
    let call: Awaited<ReturnType<typeof startExamplePermissionBackend>>['call'];
    let made = 0;

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ call } = await startExamplePermissionBackend(knex));
    });

    const scheduleOf = (team: Team) => ({
      name: `${team} schedule ${++made}`,
      ownerRef: `group:default/${team}`,
      timeZone: 'Europe/Paris',
      layers: [
        {
          name: 'Weekly',
          participants: [MEMBER[team]],
          rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
        },
      ],
    });
    const policyOf = (team: Team, extra: object = {}) => ({
      name: `${team} policy ${++made}`,
      ownerRef: `group:default/${team}`,
      levels: [
        {
          targets: [{ type: 'user', ref: MEMBER[team] }],
          ackTimeoutMinutes: 5,
        },
      ],
      isDefault: false,
      ...extra,
    });
    /** A schedule and a policy of a team, made by one of its members. */
    async function configurationOf(team: Team) {
      const schedule = await call(
        'post',
        MEMBER[team],
        '/schedules',
        scheduleOf(team),
      );
      const policy = await call(
        'post',
        MEMBER[team],
        '/escalation-policies',
        policyOf(team),
      );
      expect([schedule.status, policy.status]).toEqual([201, 201]);
      return { schedule: schedule.body, policy: policy.body };
    }

    describe.each(TEAMS)('a member of %s', team => {
      const actor = MEMBER[team];
      const admin = ADMIN_TEAMS.includes(team);
      const others = TEAMS.filter(t => t !== team);

      it('creates a schedule and a policy, a default too, for their own team', async () => {
        expect(
          (await call('post', actor, '/schedules', scheduleOf(team))).status,
        ).toBe(201);
        const policy = await call(
          'post',
          actor,
          '/escalation-policies',
          policyOf(team, { isDefault: true }),
        );
        expect(policy.status).toBe(201);
        expect(policy.body.isDefault).toBe(true);
      });

      it.each(others)(
        `${admin ? 'may' : 'may not'} create for %s, a default included`,
        async other => {
          const expected = admin ? 201 : 403;
          const statuses = [
            (await call('post', actor, '/schedules', scheduleOf(other))).status,
            (await call('post', actor, '/escalation-policies', policyOf(other)))
              .status,
            (
              await call(
                'post',
                actor,
                '/escalation-policies',
                policyOf(other, { isDefault: true }),
              )
            ).status,
          ];
          expect(statuses).toEqual([expected, expected, expected]);
        },
      );

      it.each(others)(
        `${admin ? 'may' : 'may not'} move their own schedule and policy to %s`,
        async other => {
          const own = await configurationOf(team);
          const ownerRef = `group:default/${other}`;
          const moved = [
            await call('patch', actor, `/schedules/${own.schedule.id}`, {
              version: own.schedule.version,
              ownerRef,
            }),
            await call(
              'patch',
              actor,
              `/escalation-policies/${own.policy.id}`,
              {
                version: own.policy.version,
                ownerRef,
              },
            ),
          ];
          expect(moved.map(r => r.status)).toEqual(
            admin ? [200, 200] : [403, 403],
          );
          const after = [
            (await call('get', actor, `/schedules/${own.schedule.id}`)).body,
            (await call('get', actor, `/escalation-policies/${own.policy.id}`))
              .body,
          ];
          expect(after.map(item => item.ownerRef)).toEqual(
            admin
              ? [ownerRef, ownerRef]
              : [own.schedule.ownerRef, own.policy.ownerRef],
          );
        },
      );

      it.each(others)(
        `${
          admin ? 'may' : 'may not'
        } make a policy of %s its default, or edit one of its schedules`,
        async other => {
          const theirs = await configurationOf(other);
          const madeDefault = await call(
            'patch',
            actor,
            `/escalation-policies/${theirs.policy.id}`,
            { version: theirs.policy.version, isDefault: true },
          );
          const edited = await call(
            'patch',
            actor,
            `/schedules/${theirs.schedule.id}`,
            {
              version: theirs.schedule.version,
              name: `${theirs.schedule.name} (edited)`,
            },
          );
          expect([madeDefault.status, edited.status]).toEqual(
            admin ? [200, 200] : [403, 403],
          );
          const policy = (
            await call('get', actor, `/escalation-policies/${theirs.policy.id}`)
          ).body;
          expect(policy.isDefault).toBe(admin);
        },
      );

      it.each(others)(
        'makes a policy of their own team that escalates to a schedule of %s',
        async other => {
          const theirs = await configurationOf(other);
          const policy = await call('post', actor, '/escalation-policies', {
            ...policyOf(team),
            levels: [
              {
                targets: [{ type: 'schedule', ref: theirs.schedule.id }],
                ackTimeoutMinutes: 5,
              },
            ],
          });
          expect(policy.status).toBe(201);
        },
      );
    });
  },
);
