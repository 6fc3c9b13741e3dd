import { TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { call, resolvedIncident } from '../__testUtils__/actionItemRequests';
import { startFirebreak, users } from '../__testUtils__/firebreakTestBackend';
import { ACTION_ITEM_REMINDER_TASK_ID } from './ActionItemReminders';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;
/** Thursday 1 October 2026, 10:00 UTC. */
const START = Date.parse('2026-10-01T10:00:00.000Z');

/** Reminders, not the notices an owner gets when an item is made for them. */
const reminders = (notifications: NotificationSendOptions[]) =>
  notifications.filter(n => n.payload.scope?.startsWith('firebreak:action:'));
const recipient = (n: NotificationSendOptions) =>
  (n.recipients as { entityRef: string }).entityRef;

describe.each(databases.eachSupportedId())(
  'action item reminders on %s',
  id => {
    it('reminds the owner two days before, on the due day, then daily while overdue, even after the incident is closed', async () => {
      const knex = await databases.init(id);
      let clock = START;
      const firebreak = await startFirebreak({
        knex,
        now: () => new Date(clock),
      });
      const { server } = firebreak;
      const incident = await resolvedIncident(server);
      const make = async (title: string, ownerRef: string, dueAt: number) =>
        (
          await call(server, 'post', '/action-items', {
            title,
            priority: 'P1',
            ownerRef,
            incidentRef: incident.ref,
            dueAt: new Date(dueAt).toISOString(),
          })
        ).body;
      // Due on Monday 5 October at 18:00 UTC.
      const item = await make(
        'Alert on pool saturation',
        'bob',
        START + 4 * DAY + 8 * HOUR,
      );
      // Finished items are never reminded of.
      const done = await make('Already done', 'alice', START + 2 * DAY);
      await call(server, 'patch', `/action-items/${done.id}`, {
        version: 1,
        status: 'done',
      });
      // A SEV2 closes once its postmortem is published or waived.
      const postmortem = (
        await call(server, 'get', `/incidents/${incident.id}/postmortem`)
      ).body;
      const waived = await call(
        server,
        'patch',
        `/postmortems/${postmortem.id}`,
        {
          version: postmortem.version,
          status: 'waived',
          waiverReason: 'The follow-ups cover it',
        },
      );
      expect(waived.status).toBe(200);
      const reread = (await call(server, 'get', `/incidents/${incident.id}`))
        .body;
      const closed = await call(server, 'patch', `/incidents/${incident.id}`, {
        version: reread.version,
        status: 'closed',
      });
      expect(closed.status).toBe(200);

      /** Runs the task every six hours of a day; answers the reminders sent that day. */
      const day = async (n: number) => {
        const before = reminders(firebreak.sent.notifications).length;
        for (let hour = 0; hour < 24; hour += 6) {
          clock =
            Date.parse('2026-10-01T00:00:00.000Z') + n * DAY + hour * HOUR;
          await firebreak.runTask(ACTION_ITEM_REMINDER_TASK_ID);
        }
        return reminders(firebreak.sent.notifications)
          .slice(before)
          .map(
            sentOne =>
              `${recipient(sentOne)}: ${sentOne.payload.title} — ${
                sentOne.payload.description
              }`,
          );
      };

      expect(await day(0)).toEqual([]); // Thursday, 4 days ahead
      expect(await day(1)).toEqual([]); // Friday, 3 days ahead
      expect(await day(2)).toEqual([
        `${users.bob}: Follow-up due: Alert on pool saturation — P1 follow-up of ${incident.ref} is due in 2 days (2026-10-05).`,
      ]);
      expect(await day(3)).toEqual([]);
      expect(await day(4)).toEqual([
        `${users.bob}: Follow-up due: Alert on pool saturation — P1 follow-up of ${incident.ref} is due today (2026-10-05).`,
      ]);
      expect(await day(5)).toEqual([
        `${users.bob}: Follow-up overdue: Alert on pool saturation — P1 follow-up of ${incident.ref} is 1 day overdue (2026-10-05).`,
      ]);
      expect(await day(6)).toHaveLength(1);
      const [last] = reminders(firebreak.sent.notifications).slice(-1);
      expect(last.payload).toMatchObject({
        severity: 'high',
        link: `/firebreak/incidents/${incident.ref}`,
        scope: `firebreak:action:${item.id}:2026-10-07`,
      });

      // Done: no more reminders.
      const current = (await call(server, 'get', `/action-items/${item.id}`))
        .body;
      await call(server, 'patch', `/action-items/${item.id}`, {
        version: current.version,
        status: 'done',
      });
      expect(await day(7)).toEqual([]);
      await firebreak.backend.stop();
    });

    it('tries again on the next run when sending fails', async () => {
      const knex = await databases.init(id);
      let clock = START;
      let failing = true;
      const firebreak = await startFirebreak({
        knex,
        now: () => new Date(clock),
        config: { firebreak: {} },
      });
      const incident = await resolvedIncident(firebreak.server);
      const item = (
        await call(firebreak.server, 'post', '/action-items', {
          title: 'Overdue already',
          priority: 'P1',
          ownerRef: 'alice',
          incidentRef: incident.ref,
          dueAt: new Date(START - DAY).toISOString(),
        })
      ).body;
      const original = firebreak.sent.notifications.push.bind(
        firebreak.sent.notifications,
      );
      firebreak.sent.notifications.push = (...items) => {
        if (failing) throw new Error('notifications are down');
        return original(...items);
      };
      await firebreak.runTask(ACTION_ITEM_REMINDER_TASK_ID);
      expect(await knex('firebreak_action_item_reminders')).toEqual([]);
      failing = false;
      clock += HOUR;
      await firebreak.runTask(ACTION_ITEM_REMINDER_TASK_ID);
      await firebreak.runTask(ACTION_ITEM_REMINDER_TASK_ID);
      expect(
        reminders(firebreak.sent.notifications).map(n => n.payload.scope),
      ).toEqual([`firebreak:action:${item.id}:2026-10-01`]);
      await firebreak.backend.stop();
    });
  },
);

const serverDatabases = TestDatabases.create({
  ids: ['POSTGRES_15', 'MYSQL_8'],
});

// Several replicas only make sense on a shared server database.
describe.each(serverDatabases.eachSupportedId())(
  'action item reminders from two replicas on %s',
  id => {
    it('sends each item one reminder a day', async () => {
      const knex = await serverDatabases.init(id);
      let clock = START;
      const options = { knex, now: () => new Date(clock), sendDelayMs: 2 };
      const a = await startFirebreak(options);
      const b = await startFirebreak(options);
      const incident = await resolvedIncident(a.server);
      const ids: string[] = [];
      for (let i = 0; i < 12; i += 1) {
        const res = await call(
          i % 2 ? a.server : b.server,
          'post',
          '/action-items',
          {
            title: `Follow-up ${i}`,
            priority: 'P1',
            ownerRef: i % 2 ? 'alice' : 'bob',
            incidentRef: incident.ref,
            dueAt: new Date(START - i * HOUR).toISOString(),
          },
        );
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }

      // 1 October 10:00 to 2 October 22:00, every six hours; each replica runs the task twice
      // at once each time.
      for (let round = 0; round < 7; round += 1) {
        await Promise.all([
          a.runTask(ACTION_ITEM_REMINDER_TASK_ID),
          b.runTask(ACTION_ITEM_REMINDER_TASK_ID),
          a.runTask(ACTION_ITEM_REMINDER_TASK_ID),
          b.runTask(ACTION_ITEM_REMINDER_TASK_ID),
        ]);
        clock += 6 * HOUR;
      }

      const sent = [
        ...reminders(a.sent.notifications),
        ...reminders(b.sent.notifications),
      ];
      // 12 items on each of two days, once each.
      expect(sent).toHaveLength(24);
      expect(
        sent.map(n => n.payload.scope).sort((x, y) => x!.localeCompare(y!)),
      ).toEqual(
        ids
          .flatMap(itemId => [
            `firebreak:action:${itemId}:2026-10-01`,
            `firebreak:action:${itemId}:2026-10-02`,
          ])
          .sort((x, y) => x.localeCompare(y)),
      );
      await a.backend.stop();
      await b.backend.stop();
    });
  },
);
