import { Entity } from '@backstage/catalog-model';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import { call, resolvedIncident } from '../__testUtils__/actionItemRequests';
import { startFirebreak, users } from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

/** People with display names; Lou's days are in Los Angeles. */
const people: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'kiri', namespace: 'default' },
    spec: { profile: { displayName: 'Kiri Tane' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'lou',
      namespace: 'default',
      annotations: { 'firebreak.dev/time-zone': 'America/Los_Angeles' },
    },
    spec: { profile: { displayName: 'Lou Park' } },
  },
];
const kiri = 'user:default/kiri';
const lou = 'user:default/lou';

/** The notices that someone owns an item, not reminders. */
const notices = (notifications: NotificationSendOptions[]) =>
  notifications
    .filter(n => n.payload.scope?.startsWith('firebreak:action-owner:'))
    .map(n => ({
      to: (n.recipients as { entityRef: string }).entityRef,
      except: (n.recipients as { excludeEntityRef?: string }).excludeEntityRef,
      title: n.payload.title,
      description: n.payload.description,
      link: n.payload.link,
    }));

describe.each(databases.eachSupportedId())(
  'notices to action item owners on %s',
  id => {
    let knex: Knex;
    beforeEach(async () => {
      knex = await databases.init(id);
    });
    const start = () =>
      startFirebreak({
        knex,
        entities: people,
        now: () => new Date('2026-10-01T12:00:00Z'),
      });

    it('tells an owner other than the creator, once, by name and in their zone', async () => {
      const { server, sent, backend } = await start();
      const incident = await resolvedIncident(server);
      const create = (ownerRef: string, title: string, creator: string) =>
        call(
          server,
          'post',
          '/action-items',
          {
            title,
            priority: 'P1',
            ownerRef,
            incidentRef: incident.ref,
            // Monday evening in Los Angeles, Tuesday in UTC.
            dueAt: '2026-10-06T03:00:00Z',
          },
          creator,
        );
      expect((await create(lou, 'Alert on pool saturation', kiri)).status).toBe(
        201,
      );
      // Nobody is told what they gave themself.
      expect((await create(kiri, 'Write it down', kiri)).status).toBe(201);

      const told = notices(sent.notifications);
      expect(told).toEqual([
        {
          to: lou,
          except: kiri,
          title: `You own a follow-up: Alert on pool saturation (${incident.ref})`,
          description: `Kiri Tane made you the owner of this P1 follow-up of ${incident.ref} (Card payments fail), due Mon 5 Oct 2026.`,
          link: `/firebreak/incidents/${incident.ref}`,
        },
      ]);
      expect(`${told[0].title} ${told[0].description}`).not.toMatch(
        /user:|group:/,
      );
      await backend.stop();
    });

    it('tells the new owner when an item changes hands, unless they took it themself', async () => {
      const { server, sent, backend } = await start();
      const incident = await resolvedIncident(server);
      const item = (
        await call(server, 'post', '/action-items', {
          title: 'Add a circuit breaker',
          priority: 'P2',
          ownerRef: 'alice',
          incidentRef: incident.ref,
        })
      ).body;
      const path = `/action-items/${item.id}`;
      expect(notices(sent.notifications)).toEqual([]);

      const toLou = await call(server, 'patch', path, {
        version: 1,
        ownerRef: lou,
      });
      expect(toLou.status).toBe(200);
      // Other changes tell nobody.
      await call(server, 'patch', path, { version: 2, title: 'Add breakers' });
      // Kiri takes it: she knows.
      await call(server, 'patch', path, { version: 3, ownerRef: kiri }, kiri);
      // A team: its members are told, bar whoever handed it over.
      await call(server, 'patch', path, {
        version: 4,
        ownerRef: 'group:default/storefront',
      });

      expect(notices(sent.notifications)).toEqual([
        {
          to: lou,
          except: users.alice,
          title: `You own a follow-up: Add a circuit breaker (${incident.ref})`,
          description: `alice made you the owner of this P2 follow-up of ${incident.ref} (Card payments fail).`,
          link: `/firebreak/incidents/${incident.ref}`,
        },
        {
          to: 'group:default/storefront',
          except: users.alice,
          title: `storefront owns a follow-up: Add breakers (${incident.ref})`,
          description: `alice made your team the owner of this P2 follow-up of ${incident.ref} (Card payments fail).`,
          link: `/firebreak/incidents/${incident.ref}`,
        },
      ]);
      await backend.stop();
    });

    it('keeps the change when the notice cannot be sent', async () => {
      const { server, sent, backend } = await start();
      const incident = await resolvedIncident(server);
      sent.notifications.push = () => {
        throw new Error('notifications are down');
      };
      const created = await call(server, 'post', '/action-items', {
        title: 'Alert on pool saturation',
        priority: 'P1',
        ownerRef: lou,
        incidentRef: incident.ref,
      });
      expect(created.status).toBe(201);
      const moved = await call(
        server,
        'patch',
        `/action-items/${created.body.id}`,
        {
          version: 1,
          ownerRef: kiri,
        },
      );
      expect(moved.status).toBe(200);
      expect(
        await knex('firebreak_action_items').select('owner_ref', 'version'),
      ).toEqual([{ owner_ref: kiri, version: 2 }]);
      await backend.stop();
    });
  },
);
