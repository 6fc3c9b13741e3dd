/*
 * Part of the auth matrix: who may change an incident under the example policy — the
 * owners of what it impacts and its participants (reporter, role holders, responders who
 * joined) — through the real permission stack, with the example organisation's claims.
 *
 * Alice (Payments) declares incidents on Storefront's cart service; Storefront's on-call
 * (Farah) is paged first and so commands. Platform is the admin group, so the people denied
 * here are plain members of Payments.
 */
import { TestDatabases } from '@backstage/backend-test-utils';
import { DEFAULT_INCIDENT_ROLES } from '@firebreak/backstage-plugin-common';
import { startExamplePermissionBackend } from './__testUtils__/examplePermissionBackend';

jest.setTimeout(120_000);

const databases = TestDatabases.create({
  ids: ['SQLITE_3', 'POSTGRES_15', 'MYSQL_8'],
});

/** Storefront owns it (examples/entities.yaml). */
const STOREFRONT_SERVICE = 'component:default/cart-service';
const people = {
  /** Payments: declares every incident here, so its reporter. */
  reporter: 'user:default/alice.nguyen',
  /** Storefront: on call for Storefront, so paged first and commander. */
  storefrontOnCall: 'user:default/farah.haddad',
  /** Storefront: owns the impacted service, never joins. */
  storefrontOwner: 'user:default/dana.okafor',
  /** Payments: neither owner nor participant until they join. */
  bystander: 'user:default/bruno.costa',
  /** Payments: neither owner nor participant until given a role. */
  roleHolder: 'user:default/chen.wei',
};

describe.each(databases.eachSupportedId())(
  'incident participants through the example permission policy on %s',
  databaseId => {
    let call: Awaited<ReturnType<typeof startExamplePermissionBackend>>['call'];

    beforeAll(async () => {
      const knex = await databases.init(databaseId);
      ({ call } = await startExamplePermissionBackend(knex));
      // Storefront's on-call, set up by one of its members: Farah on a weekly rotation, and
      // the team's default policy paging that schedule.
      const schedule = await call(
        'post',
        people.storefrontOnCall,
        '/schedules',
        {
          name: 'Storefront primary',
          ownerRef: 'group:default/storefront',
          timeZone: 'Europe/Paris',
          layers: [
            {
              name: 'Weekly',
              participants: [people.storefrontOnCall],
              rotation: { type: 'weekly', handoff: '2026-06-01T09:00' },
            },
          ],
        },
      );
      const policy = await call(
        'post',
        people.storefrontOnCall,
        '/escalation-policies',
        {
          name: 'Storefront default',
          ownerRef: 'group:default/storefront',
          levels: [
            {
              targets: [{ type: 'schedule', ref: schedule.body.id }],
              ackTimeoutMinutes: 5,
            },
          ],
          isDefault: true,
        },
      );
      if (schedule.status !== 201 || policy.status !== 201) {
        throw new Error(
          `Storefront's on-call was not set up: ${schedule.status} ${policy.status}`,
        );
      }
    });

    /** Alice declares an incident on Storefront's service. */
    async function declared() {
      const response = await call('post', people.reporter, '/incidents', {
        title: 'Carts lose their items',
        severity: 'SEV3',
        entityRefs: [STOREFRONT_SERVICE],
      });
      expect(response.status).toBe(201);
      return response.body as {
        id: string;
        version: number;
        roles: Record<string, string>;
        responders: string[];
      };
    }
    const note = (user: string, id: string) =>
      call('post', user, `/incidents/${id}/timeline`, {
        type: 'note',
        text: `${user} was here`,
      });
    const timelineTypes = async (id: string) =>
      (
        await call('get', people.bystander, `/incidents/${id}/timeline`)
      ).body.items.map((event: { type: string; actorRef: string }) => [
        event.type,
        event.actorRef,
      ]);

    it('makes the first person paged the commander and the declarer the reporter', async () => {
      const incident = await declared();
      expect(incident.roles.commander).toBe(people.storefrontOnCall);
      expect(
        (await call('get', people.bystander, `/incidents/${incident.id}`)).body
          .reporterRef,
      ).toBe(people.reporter);
    });

    it.each([
      ['the reporter, of another team', people.reporter, 201, 200],
      ['the commander, paged on call', people.storefrontOnCall, 201, 200],
      [
        'an owner of the impacted service who never joined',
        people.storefrontOwner,
        201,
        200,
      ],
      [
        'a member of another team who is no participant',
        people.bystander,
        403,
        403,
      ],
    ])(
      '%s: posts a note → %i, changes the status → %i',
      async (_who, user, noteStatus, changeStatus) => {
        const incident = await declared();
        expect((await note(user, incident.id)).status).toBe(noteStatus);
        const changed = await call('patch', user, `/incidents/${incident.id}`, {
          version: incident.version,
          status: 'identified',
        });
        expect(changed.status).toBe(changeStatus);
        const after = (
          await call('get', people.bystander, `/incidents/${incident.id}`)
        ).body;
        expect(after.status).toBe(
          changeStatus === 200 ? 'identified' : 'investigating',
        );
        // Nobody became a responder on the way: the rights came from who they are.
        expect(after.responders).toEqual(incident.responders);
      },
    );

    it('lets a member of another team help after joining, and no longer after leaving', async () => {
      const { id } = await declared();
      const user = people.bystander;
      expect((await note(user, id)).status).toBe(403);

      const joined = await call('post', user, `/incidents/${id}/responders`);
      expect(joined.status).toBe(201);
      expect(joined.body.responders).toContain(user);
      expect((await note(user, id)).status).toBe(201);
      expect(await timelineTypes(id)).toContainEqual([
        'responder_joined',
        user,
      ]);

      const left = await call('delete', user, `/incidents/${id}/responders/me`);
      expect(left.status).toBe(200);
      expect(left.body.responders).not.toContain(user);
      expect((await note(user, id)).status).toBe(403);
      expect(await timelineTypes(id)).toContainEqual(['responder_left', user]);
    });

    it.each([
      ['payments', 'user:default/bruno.costa'],
      ['payments', 'user:default/chen.wei'],
      ['storefront', 'user:default/dana.okafor'],
      ['storefront', 'user:default/emil.larsen'],
      ['platform', 'user:default/gustavo.ruiz'],
      ['platform', 'user:default/hana.sato'],
    ])(
      'lets anyone signed in join, a member of %s too (%s)',
      async (_team, user) => {
        const { id } = await declared();
        const joined = await call('post', user, `/incidents/${id}/responders`);
        expect(joined.status).toBe(201);
        expect(joined.body.responders).toContain(user);
      },
    );

    it.each(
      DEFAULT_INCIDENT_ROLES.filter(role => role.id !== 'commander').map(
        role => role.id,
      ),
    )(
      'lets someone the commander makes %s post, without joining',
      async role => {
        const incident = await declared();
        const user = people.roleHolder;
        expect((await note(user, incident.id)).status).toBe(403);
        const assigned = await call(
          'patch',
          people.storefrontOnCall,
          `/incidents/${incident.id}`,
          { version: incident.version, roles: { [role]: user } },
        );
        expect(assigned.status).toBe(200);
        expect(assigned.body.roles[role]).toBe(user);
        expect((await note(user, incident.id)).status).toBe(201);
      },
    );
  },
);
