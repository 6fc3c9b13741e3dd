import { Entity } from '@backstage/catalog-model';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { call, resolvedIncident } from '../__testUtils__/actionItemRequests';
import { startFirebreak } from '../__testUtils__/firebreakTestBackend';
import { ACTION_ITEM_REMINDER_TASK_ID } from './ActionItemReminders';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const HOUR = 60 * 60 * 1000;

/** Kiri's own zone is Auckland; Lou has none, his team's is Los Angeles. */
const people: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: {
      name: 'kiri',
      namespace: 'default',
      annotations: { 'firebreak.dev/time-zone': 'Pacific/Auckland' },
    },
    spec: { profile: { displayName: 'Kiri Tane' } },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: {
      name: 'la-ops',
      namespace: 'default',
      annotations: { 'firebreak.dev/time-zone': 'America/Los_Angeles' },
    },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'lou', namespace: 'default' },
    spec: { profile: { displayName: 'Lou Park' } },
    relations: [{ type: 'memberOf', targetRef: 'group:default/la-ops' }],
  },
];

/** Reminders, not the notices an owner gets when an item is made for them. */
const reminders = (notifications: NotificationSendOptions[]) =>
  notifications.filter(n => n.payload.scope?.startsWith('firebreak:action:'));

describe.each(databases.eachSupportedId())(
  'action item reminders in the owner’s time zone on %s',
  id => {
    async function start(config?: object, startAt = '2026-10-01T00:00:00Z') {
      const knex = await databases.init(id);
      const clock = { now: Date.parse(startAt) };
      const firebreak = await startFirebreak({
        knex,
        now: () => new Date(clock.now),
        entities: people,
        config,
      });
      const incident = await resolvedIncident(firebreak.server);
      const make = async (
        ownerRef: string,
        dueAt: string,
        more: object = {},
      ) => {
        const res = await call(firebreak.server, 'post', '/action-items', {
          title: `Follow-up of ${ownerRef}`,
          priority: 'P1',
          ownerRef,
          incidentRef: incident.ref,
          dueAt,
          ...more,
        });
        expect(res.status).toBe(201);
        return res.body;
      };
      /** Runs the task every hour from `from` until before `to`; answers what it sent when. */
      const runHourly = async (from: string, to: string) => {
        const sentBefore = reminders(firebreak.sent.notifications).length;
        const log: string[] = [];
        for (let t = Date.parse(from); t < Date.parse(to); t += HOUR) {
          clock.now = t;
          await firebreak.runTask(ACTION_ITEM_REMINDER_TASK_ID);
          const sent = reminders(firebreak.sent.notifications);
          while (sentBefore + log.length < sent.length) {
            const n = sent[sentBefore + log.length];
            const recipient = (n.recipients as { entityRef: string }).entityRef;
            log.push(
              `${new Date(t).toISOString()} ${recipient}: ${
                n.payload.description
              }`,
            );
          }
        }
        return log;
      };
      return { firebreak, incident, make, runHourly };
    }

    it('reminds each owner on their own local days, from 09:00 local, reading the catalog once a run', async () => {
      const { firebreak, incident, make, runHourly } = await start();
      // One instant: Monday 5 October 11:00 in Los Angeles, Tuesday 6 October 07:00 in Auckland.
      const dueAt = '2026-10-05T18:00:00.000Z';
      const kiris = await make('user:default/kiri', dueAt);
      await make('user:default/lou', dueAt, {
        ownerGroupRef: 'group:default/la-ops',
      });
      const lookups = jest.spyOn(firebreak.catalog, 'getEntitiesByRefs');
      const lookupsOf = jest.spyOn(firebreak.catalog, 'getEntityByRef');

      const sent = await runHourly(
        '2026-10-03T00:00:00Z',
        '2026-10-07T00:00:00Z',
      );
      const ref = incident.ref;
      expect(sent).toEqual([
        // 09:00 on Saturday in Los Angeles (PDT, UTC-7), then 09:00 on Sunday in Auckland (NZDT).
        `2026-10-03T16:00:00.000Z user:default/lou: P1 follow-up of ${ref} is due in 2 days (2026-10-05).`,
        `2026-10-03T20:00:00.000Z user:default/kiri: P1 follow-up of ${ref} is due in 2 days (2026-10-06).`,
        `2026-10-05T16:00:00.000Z user:default/lou: P1 follow-up of ${ref} is due today (2026-10-05).`,
        `2026-10-05T20:00:00.000Z user:default/kiri: P1 follow-up of ${ref} is due today (2026-10-06).`,
        `2026-10-06T16:00:00.000Z user:default/lou: P1 follow-up of ${ref} is 1 day overdue (2026-10-05).`,
        `2026-10-06T20:00:00.000Z user:default/kiri: P1 follow-up of ${ref} is 1 day overdue (2026-10-06).`,
      ]);
      // The claim is keyed by the owner's local day.
      expect(
        reminders(firebreak.sent.notifications)
          .filter(n => n.payload.scope?.includes(kiris.id))
          .map(n => n.payload.scope),
      ).toEqual([
        `firebreak:action:${kiris.id}:2026-10-04`,
        `firebreak:action:${kiris.id}:2026-10-06`,
        `firebreak:action:${kiris.id}:2026-10-07`,
      ]);
      // One batch of zones per run, never one request per item.
      expect(lookups).toHaveBeenCalledTimes(96);
      expect(lookups.mock.calls[0][0].entityRefs).toEqual(
        expect.arrayContaining([
          'user:default/kiri',
          'user:default/lou',
          'group:default/la-ops',
        ]),
      );
      expect(lookupsOf).not.toHaveBeenCalled();
      await firebreak.backend.stop();
    });

    it('counts local days and the local hour across daylight saving changes, from the configured hour', async () => {
      const { firebreak, make, runHourly } = await start(
        { firebreak: { actionItems: { reminders: { hour: 8 } } } },
        '2026-09-20T00:00:00Z',
      );
      // Auckland springs forward on Sunday 27 September (02:00 NZST → 03:00 NZDT).
      const kiris = await make('user:default/kiri', '2026-09-27T03:30:00Z');
      expect(
        await runHourly('2026-09-26T12:00:00Z', '2026-09-27T12:00:00Z'),
      ).toEqual([
        // 08:00 NZDT (UTC+13), an hour before 08:00 at the previous day's offset.
        expect.stringMatching(
          /^2026-09-26T19:00:00.000Z user:default\/kiri: .* is due today \(2026-09-27\)\.$/,
        ),
      ]);
      await call(firebreak.server, 'patch', `/action-items/${kiris.id}`, {
        version: kiris.version,
        status: 'done',
      });

      // Los Angeles falls back on Sunday 1 November (02:00 PDT → 01:00 PST).
      await make('user:default/lou', '2026-11-01T20:00:00Z', {
        ownerGroupRef: 'group:default/la-ops',
      });
      expect(
        await runHourly('2026-10-30T00:00:00Z', '2026-11-03T00:00:00Z'),
      ).toEqual([
        // 08:00 PDT (UTC-7) on Friday, then 08:00 PST (UTC-8) on Sunday and Monday.
        expect.stringMatching(
          /^2026-10-30T15:00:00.000Z user:default\/lou: .* is due in 2 days \(2026-11-01\)\.$/,
        ),
        expect.stringMatching(
          /^2026-11-01T16:00:00.000Z user:default\/lou: .* is due today \(2026-11-01\)\.$/,
        ),
        expect.stringMatching(
          /^2026-11-02T16:00:00.000Z user:default\/lou: .* is 1 day overdue \(2026-11-01\)\.$/,
        ),
      ]);
      await firebreak.backend.stop();
    });
  },
);
