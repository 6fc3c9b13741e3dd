import { Knex } from 'knex';
import { startFirebreak, users } from '../__testUtils__/firebreakTestBackend';
import { POSTMORTEM_REMINDER_TASK_ID } from './PostmortemReminders';
import { postmortemRequests } from '../__testUtils__/postmortemRequests';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

/** Friday 5 June 2026, 23:30 UTC: already Saturday in Tokyo. */
const FRIDAY_NIGHT = '2026-06-05T23:30:00.000Z';

describe.each(databases.eachSupportedId())(
  'postmortems of resolved and closed incidents on %s',
  id => {
    let knex: Knex;
    let now: Date;
    beforeAll(async () => {
      knex = await databases.init(id);
    });
    beforeEach(() => {
      now = new Date(FRIDAY_NIGHT);
    });
    const clock = () => now;

    it('starts a required postmortem on resolve, due in the team zone, and gates closing until it is waived', async () => {
      const { server } = await startFirebreak({ knex, now: clock });
      const pm = postmortemRequests(server);
      // Storefront (Asia/Tokyo) owns checkout.
      const incident = await pm.declare({
        title: 'Checkout times out',
        severity: 'SEV2',
        entityRefs: ['component:default/checkout'],
      });
      const resolved = await pm.patchIncident(incident.id, {
        version: 1,
        status: 'resolved',
      });
      expect(resolved.status).toBe(200);

      const started = await pm.ofIncident(incident.ref);
      expect(started.status).toBe(200);
      // Saturday in Tokyo + 5 business days: Friday 12 June, 08:30 there.
      expect(started.body).toMatchObject({
        status: 'draft',
        required: true,
        ownerRef: users.alice,
        ownerGroupRef: 'group:default/storefront',
        dueAt: '2026-06-11T23:30:00.000Z',
        milestones: { resolved: FRIDAY_NIGHT, mitigated: FRIDAY_NIGHT },
        overdue: false,
      });

      const refused = await pm.patchIncident(incident.id, {
        version: 2,
        status: 'closed',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toBe(
        `status: ${incident.ref} cannot be closed until its postmortem is published or waived (SEV2 incidents require one); it is draft`,
      );
      expect(
        (await pm.timeline(incident.id)).filter(
          e => e.type === 'status_changed' && e.data.to === 'closed',
        ),
      ).toEqual([]);

      now = new Date('2026-06-12T00:00:00.000Z');
      expect((await pm.get(started.body.id)).body.overdue).toBe(true);

      const waived = await pm.patch(started.body.id, {
        version: 1,
        status: 'waived',
        waiverReason: 'A duplicate of INC-1',
      });
      expect(waived.status).toBe(200);
      expect(waived.body.overdue).toBe(false);
      const closed = await pm.patchIncident(incident.id, {
        version: 2,
        status: 'closed',
      });
      expect(closed.status).toBe(200);
      const events = await pm.timeline(incident.id);
      expect(events.find(e => e.type === 'postmortem_waived')?.data).toEqual({
        postmortemId: started.body.id,
        reason: 'A duplicate of INC-1',
      });
    });

    it('refuses to close a major incident with no postmortem, and closes minor ones freely', async () => {
      const { server } = await startFirebreak({ knex, now: clock });
      const pm = postmortemRequests(server);
      const major = await pm.declare({
        title: 'Payments down',
        severity: 'SEV1',
        entityRefs: ['component:default/payments-api'],
      });
      const refused = await pm.patchIncident(major.id, {
        version: 1,
        status: 'closed',
      });
      expect(refused.status).toBe(409);
      expect(refused.body.error.message).toMatch(
        /cannot be closed until its postmortem is published or waived .*none has been started$/,
      );

      const minor = await pm.declare({
        title: 'A typo',
        severity: 'SEV3',
        entityRefs: ['component:default/payments-api'],
      });
      await pm.patchIncident(minor.id, { version: 1, status: 'resolved' });
      expect((await pm.ofIncident(minor.id)).status).toBe(404);
      expect(
        (await pm.patchIncident(minor.id, { version: 2, status: 'closed' }))
          .status,
      ).toBe(200);
    });

    it('gives a postmortem started during the incident its due date when the incident is resolved', async () => {
      const { server } = await startFirebreak({ knex, now: clock });
      const pm = postmortemRequests(server);
      const incident = await pm.declare({
        title: 'Ledger lag',
        severity: 'SEV1',
        entityRefs: ['component:default/ledger'],
      });
      const { body: early } = await pm.start(incident.id);
      expect(early.dueAt).toBeUndefined();
      await pm.patchIncident(incident.id, { version: 1, status: 'resolved' });
      const after = await pm.get(early.id);
      // Payments has no zone: UTC, 3 calendar days.
      expect(after.body).toMatchObject({
        dueAt: '2026-06-08T23:30:00.000Z',
        version: 2,
      });
    });

    it('reminds the owner once before the due date, however many replicas run the task', async () => {
      const replicas = await Promise.all([
        startFirebreak({ knex, now: clock }),
        startFirebreak({ knex, now: clock }),
      ]);
      const pm = postmortemRequests(replicas[0].server);
      const incident = await pm.declare({
        title: 'Ledger stalls',
        severity: 'SEV1',
        entityRefs: ['component:default/ledger'],
      });
      await pm.patchIncident(incident.id, { version: 1, status: 'resolved' });
      const { body: postmortem } = await pm.ofIncident(incident.id);
      const reminders = () =>
        replicas.flatMap(r =>
          r.sent.notifications.filter(
            n =>
              n.payload.title === 'Postmortem due soon' &&
              n.payload.link === `/firebreak/postmortems/${postmortem.id}`,
          ),
        );

      // Two days before it is due: too early (the default is 24 hours before).
      now = new Date('2026-06-06T23:30:00.000Z');
      await Promise.all(
        replicas.map(r => r.runTask(POSTMORTEM_REMINDER_TASK_ID)),
      );
      expect(reminders()).toHaveLength(0);

      now = new Date('2026-06-08T00:00:00.000Z');
      await Promise.all(
        replicas.map(r => r.runTask(POSTMORTEM_REMINDER_TASK_ID)),
      );
      await Promise.all(
        replicas.map(r => r.runTask(POSTMORTEM_REMINDER_TASK_ID)),
      );
      expect(reminders()).toHaveLength(1);
      expect(reminders()[0]).toMatchObject({
        recipients: { type: 'entity', entityRef: users.alice },
        payload: { link: `/firebreak/postmortems/${postmortem.id}` },
      });
    });
  },
);
