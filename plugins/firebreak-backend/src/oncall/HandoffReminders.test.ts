import { TestDatabases } from '@backstage/backend-test-utils';
import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import { Knex } from 'knex';
import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { applyDatabaseMigrations } from '../database/migrations';
import { HANDOFF_REMINDER_TASK_ID } from './HandoffReminders';
import { OnCallStore } from './OnCallStore';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(60_000);

const databases = testDatabases();

const MINUTE = 60_000;
/** Monday 8 June 2026, 09:00 in Berlin (summer time, UTC+2): Alice hands over to Bob. */
const HANDOFF = Date.parse('2026-06-08T07:00:00.000Z');

function schedule(
  name: string,
  participants: string[],
  type: 'weekly' | 'daily' = 'weekly',
) {
  return {
    name,
    ownerRef: 'group:default/payments',
    timeZone: 'Europe/Berlin',
    layers: [
      {
        name: 'Rotation',
        participants,
        rotation: { type, handoff: '2026-06-01T09:00' },
      },
    ],
  };
}

const reminders = (notifications: NotificationSendOptions[]) =>
  notifications.filter(n => n.payload.topic === 'firebreak:handoff');
const recipient = (n: NotificationSendOptions) =>
  (n.recipients as { entityRef: string }).entityRef;

describe.each(databases.eachSupportedId())('handoff reminders on %s', id => {
  let knex: Knex;
  let clock: number;

  async function start(config?: object) {
    const firebreak = await startFirebreak({
      knex,
      now: () => new Date(clock),
      config,
    });
    const post = (path: string, body: object) =>
      request(firebreak.server)
        .post(`/api/firebreak${path}`)
        .set('Authorization', as(users.alice))
        .send(body);
    async function createSchedule(body: object): Promise<string> {
      const res = await post('/schedules', body);
      expect(res.status).toBe(201);
      return res.body.id;
    }
    async function addOverride(scheduleId: string, body: object) {
      const res = await post(`/schedules/${scheduleId}/overrides`, body);
      expect(res.status).toBe(201);
    }
    /** Runs the reminder task at a time; answers the reminders that run sent. */
    async function runAt(at: number) {
      clock = at;
      const before = reminders(firebreak.sent.notifications).length;
      await firebreak.runTask(HANDOFF_REMINDER_TASK_ID);
      return reminders(firebreak.sent.notifications).slice(before);
    }
    return { ...firebreak, createSchedule, addOverride, runAt };
  }

  beforeEach(async () => {
    knex = await databases.init(id);
    clock = Date.parse('2026-06-03T12:00:00.000Z');
  });

  it('reminds the next person once, 30 minutes before their shift, with a link to the schedule', async () => {
    const firebreak = await start();
    const scheduleId = await firebreak.createSchedule(
      schedule('Payments primary', [users.alice, users.bob]),
    );

    expect(await firebreak.runAt(HANDOFF - 31 * MINUTE)).toEqual([]);
    expect(await firebreak.runAt(HANDOFF - 30 * MINUTE)).toEqual([
      {
        recipients: { type: 'entity', entityRef: users.bob },
        payload: {
          title: 'On call soon: Payments primary',
          description:
            "You're on call for Payments primary from 09:00 Mon 8 Jun (Europe/Berlin) until 09:00 Mon 15 Jun.",
          link: `/firebreak/oncall/schedules/${scheduleId}`,
          severity: 'normal',
          topic: 'firebreak:handoff',
          scope: `firebreak:handoff:${scheduleId}:${users.bob}:2026-06-08T07:00:00.000Z`,
        },
      },
    ]);

    // Later runs, before and just after the shift starts, send nothing more.
    expect(await firebreak.runAt(HANDOFF - 29 * MINUTE)).toEqual([]);
    expect(await firebreak.runAt(HANDOFF - MINUTE)).toEqual([]);
    expect(await firebreak.runAt(HANDOFF + 2 * MINUTE)).toEqual([]);

    // A week later it is Alice's turn again.
    const next = await firebreak.runAt(
      HANDOFF + 7 * 24 * 60 * MINUTE - 30 * MINUTE,
    );
    expect(next.map(recipient)).toEqual([users.alice]);
    // Bob's reminder, of a shift long started, is forgotten.
    expect(
      (await knex('firebreak_handoff_reminders').select('user_ref')).map(
        r => r.user_ref,
      ),
    ).toEqual([users.alice]);
  });

  it('sends no reminder when someone continues their own shift', async () => {
    const firebreak = await start();
    // Daily: Alice on the 1st and 2nd, Bob on the 3rd, Alice on the 4th and 5th, ...
    await firebreak.createSchedule(
      schedule('Daily', [users.alice, users.alice, users.bob], 'daily'),
    );
    const day = (n: number) => Date.parse(`2026-06-0${n}T07:00:00.000Z`);

    expect(await firebreak.runAt(day(2) - 30 * MINUTE)).toEqual([]);
    expect(
      (await firebreak.runAt(day(3) - 30 * MINUTE)).map(recipient),
    ).toEqual([users.bob]);
    expect(
      (await firebreak.runAt(day(4) - 30 * MINUTE)).map(recipient),
    ).toEqual([users.alice]);
    expect(await firebreak.runAt(day(5) - 30 * MINUTE)).toEqual([]);
  });

  it("reminds an override's person and not the person covered", async () => {
    const firebreak = await start();
    const scheduleId = await firebreak.createSchedule(
      schedule('Payments primary', [users.alice, users.bob]),
    );
    // The viewer covers Bob's first day; Alice stays on a little longer, back to back.
    await firebreak.addOverride(scheduleId, {
      userRef: users.viewer,
      start: '2026-06-08T07:00:00.000Z',
      end: '2026-06-09T07:00:00.000Z',
    });

    const atHandoff = await firebreak.runAt(HANDOFF - 30 * MINUTE);
    expect(atHandoff.map(recipient)).toEqual([users.viewer]);
    expect(atHandoff[0].payload.description).toBe(
      "You're on call for Payments primary from 09:00 Mon 8 Jun (Europe/Berlin) until 09:00 Tue 9 Jun.",
    );
    expect(atHandoff[0].payload.scope).toBe(
      `firebreak:handoff:${scheduleId}:${users.viewer}:2026-06-08T07:00:00.000Z`,
    );
    expect(await firebreak.runAt(HANDOFF)).toEqual([]);

    // Bob hears of his shift when it really starts, after the override.
    const bobStarts = Date.parse('2026-06-09T07:00:00.000Z');
    expect(await firebreak.runAt(bobStarts - 31 * MINUTE)).toEqual([]);
    expect(
      (await firebreak.runAt(bobStarts - 30 * MINUTE)).map(recipient),
    ).toEqual([users.bob]);

    // An override keeping Alice on after her own week (15 to 22 June) continues her shift: no
    // reminder to her, and Bob hears of his shift when the override ends.
    await firebreak.addOverride(scheduleId, {
      userRef: users.alice,
      start: '2026-06-22T07:00:00.000Z',
      end: '2026-06-22T12:00:00.000Z',
    });
    expect(
      (await firebreak.runAt(Date.parse('2026-06-15T06:30:00.000Z'))).map(
        recipient,
      ),
    ).toEqual([users.alice]);
    expect(
      await firebreak.runAt(Date.parse('2026-06-22T06:30:00.000Z')),
    ).toEqual([]);
    expect(
      (await firebreak.runAt(Date.parse('2026-06-22T11:30:00.000Z'))).map(
        recipient,
      ),
    ).toEqual([users.bob]);
  });

  it('says "until further notice" of a shift with no handoff in sight', async () => {
    const firebreak = await start();
    const scheduleId = await firebreak.createSchedule(
      schedule('Alice alone', [users.alice]),
    );
    await firebreak.addOverride(scheduleId, {
      userRef: users.bob,
      start: '2026-06-08T07:00:00.000Z',
      end: '2026-06-08T08:00:00.000Z',
    });
    const [back] = await firebreak.runAt(HANDOFF + 30 * MINUTE);
    expect(recipient(back)).toBe(users.alice);
    expect(back.payload.description).toBe(
      "You're on call for Alice alone from 10:00 Mon 8 Jun (Europe/Berlin) until further notice.",
    );
  });

  it('reminds as many minutes before as configured, and not at all with 0', async () => {
    const tenMinutes = await start({
      firebreak: { oncall: { handoffReminder: { minutesBefore: 10 } } },
    });
    await tenMinutes.createSchedule(
      schedule('Payments primary', [users.alice, users.bob]),
    );
    expect(await tenMinutes.runAt(HANDOFF - 30 * MINUTE)).toEqual([]);
    expect(await tenMinutes.runAt(HANDOFF - 11 * MINUTE)).toEqual([]);
    expect(
      (await tenMinutes.runAt(HANDOFF - 10 * MINUTE)).map(recipient),
    ).toEqual([users.bob]);

    const off = await start({
      firebreak: { oncall: { handoffReminder: { minutesBefore: 0 } } },
    });
    await off.createSchedule(
      schedule('Storefront primary', [users.alice, users.bob]),
    );
    for (const at of [-30, -10, 0, 1].map(m => HANDOFF + m * MINUTE)) {
      clock = at;
      for (const task of off.tasks.keys()) {
        await off.runTask(task);
      }
    }
    expect(off.tasks.has(HANDOFF_REMINDER_TASK_ID)).toBe(false);
    expect(reminders(off.sent.notifications)).toEqual([]);
  });

  it('records nothing when a reminder cannot be delivered, so a later run tries again', async () => {
    await applyDatabaseMigrations(knex);
    const store = new OnCallStore(knex);
    const now = new Date(HANDOFF - 30 * MINUTE);
    const { id: scheduleId } = await store.createSchedule(
      schedule('Payments primary', [users.alice, users.bob]),
      now,
    );
    const reminder = {
      scheduleId,
      userRef: users.bob,
      shiftStart: new Date(HANDOFF),
    };
    await expect(
      store.recordHandoffReminder(reminder, now, async () => {
        throw new Error('notifications are down');
      }),
    ).rejects.toThrow('notifications are down');
    expect(await knex('firebreak_handoff_reminders')).toEqual([]);

    const deliver = jest.fn(async () => {});
    expect(await store.recordHandoffReminder(reminder, now, deliver)).toBe(
      true,
    );
    expect(await store.recordHandoffReminder(reminder, now, deliver)).toBe(
      false,
    );
    expect(deliver).toHaveBeenCalledTimes(1);
    const recorded = await store.handoffRemindersSince(now);
    expect(store.hasHandoffReminder(recorded, reminder)).toBe(true);
  });
});

const serverDatabases = TestDatabases.create({
  ids: ['POSTGRES_15', 'MYSQL_8'],
});

// Several replicas only make sense on a shared server database.
describe.each(serverDatabases.eachSupportedId())(
  'handoff reminders from two replicas on %s',
  id => {
    it('sends each reminder once', async () => {
      const knex = await serverDatabases.init(id);
      let clock = HANDOFF - 20 * MINUTE;
      const options = { knex, now: () => new Date(clock), sendDelayMs: 2 };
      const a = await startFirebreak(options);
      const b = await startFirebreak(options);

      const ids: string[] = [];
      for (let i = 0; i < 20; i += 1) {
        const res = await request(i % 2 ? a.server : b.server)
          .post('/api/firebreak/schedules')
          .set('Authorization', as(users.alice))
          .send(
            schedule(
              `Schedule ${i}`,
              i % 2 ? [users.alice, users.bob] : [users.bob, users.alice],
            ),
          );
        expect(res.status).toBe(201);
        ids.push(res.body.id);
      }

      // Both replicas run the task at once, several times over, as the minutes pass.
      for (let round = 0; round < 3; round += 1) {
        await Promise.all([
          a.runTask(HANDOFF_REMINDER_TASK_ID),
          b.runTask(HANDOFF_REMINDER_TASK_ID),
          a.runTask(HANDOFF_REMINDER_TASK_ID),
          b.runTask(HANDOFF_REMINDER_TASK_ID),
        ]);
        clock += MINUTE;
      }

      const sent = [
        ...reminders(a.sent.notifications),
        ...reminders(b.sent.notifications),
      ];
      expect(sent).toHaveLength(20);
      expect(new Set(sent.map(n => n.payload.scope)).size).toBe(20);
      expect(
        sent
          .map(n => `${n.payload.link} ${recipient(n)}`)
          .sort((x, y) => x.localeCompare(y)),
      ).toEqual(
        ids
          .map(
            (scheduleId, i) =>
              `/firebreak/oncall/schedules/${scheduleId} ${
                i % 2 ? users.bob : users.alice
              }`,
          )
          .sort((x, y) => x.localeCompare(y)),
      );
      await a.backend.stop();
      await b.backend.stop();
    });
  },
);
