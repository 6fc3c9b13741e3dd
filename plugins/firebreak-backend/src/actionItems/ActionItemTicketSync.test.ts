import { FirebreakTicketExporterError } from '@firebreak/backstage-plugin-node';
import { call, resolvedIncident } from '../__testUtils__/actionItemRequests';
import { FakeTicketExporter } from '../__testUtils__/fakeTicketExporter';
import {
  FirebreakTestBackend,
  startFirebreak,
} from '../__testUtils__/firebreakTestBackend';
import { ACTION_ITEM_TICKET_SYNC_TASK_ID } from './ActionItemTicketSync';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const MINUTE = 60_000;
const START = Date.parse('2026-10-01T12:00:00.000Z');

describe.each(databases.eachSupportedId())('reading tickets back on %s', id => {
  let clock: number;
  let tracker: FakeTicketExporter;
  let firebreak: FirebreakTestBackend;

  beforeEach(async () => {
    const knex = await databases.init(id);
    clock = START;
    tracker = new FakeTicketExporter();
    firebreak = await startFirebreak({
      knex,
      now: () => new Date(clock),
      ticketExporters: [tracker],
      config: {
        firebreak: { actionItems: { tickets: { syncIntervalMinutes: 10 } } },
      },
    });
  });

  const sync = () => firebreak.runTask(ACTION_ITEM_TICKET_SYNC_TASK_ID);
  const get = async (itemId: string) =>
    (await call(firebreak.server, 'get', `/action-items/${itemId}`)).body;
  /** Items with tickets FAKE-1, FAKE-2… in order. */
  const itemsWithTickets = async (count: number) => {
    const incident = await resolvedIncident(firebreak.server);
    const items = [];
    for (let i = 0; i < count; i += 1) {
      const item = (
        await call(firebreak.server, 'post', '/action-items', {
          title: `Follow-up ${i + 1}`,
          priority: 'P2',
          ownerRef: 'alice',
          incidentRef: incident.ref,
        })
      ).body;
      const linked = await call(
        firebreak.server,
        'post',
        `/action-items/${item.id}/ticket`,
        { version: item.version },
      );
      expect(linked.status).toBe(201);
      items.push(linked.body);
    }
    return items;
  };

  it('finishes items whose tickets closed, at most once per interval', async () => {
    expect(firebreak.tasks.get(ACTION_ITEM_TICKET_SYNC_TASK_ID)).toMatchObject({
      frequency: { minutes: 10 },
    });
    const [completed, dropped, open, reopened] = await itemsWithTickets(4);
    const closedAt = new Date(START + 3 * MINUTE).toISOString();
    tracker.set('FAKE-1', {
      state: 'closed',
      resolution: 'completed',
      closedAt,
    });
    tracker.set('FAKE-2', { state: 'closed', resolution: 'not_planned' });

    // Tickets were read when they were created: nothing is due before an interval.
    clock += 9 * MINUTE;
    await sync();
    expect(tracker.reads).toBe(0);

    clock += MINUTE;
    await sync();
    expect(tracker.reads).toBe(4);
    expect(await get(completed.id)).toMatchObject({
      status: 'done',
      completedAt: closedAt,
      version: 3,
      updatedAt: new Date(clock).toISOString(),
    });
    expect(await get(dropped.id)).toMatchObject({
      status: 'wont_do',
      wontDoReason: 'Closed as not planned in test-tracker: FAKE-2',
      version: 3,
    });
    expect(await get(open.id)).toEqual(open);
    // Tickets are read in the order of the items' ids: either may come first.
    const audits = firebreak.audits.filter(
      a => a.eventId === 'action-item-ticket-sync',
    );
    expect(audits).toHaveLength(2);
    expect(audits).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          meta: expect.objectContaining({
            actionItem: completed.id,
            status: 'done',
          }),
          outcome: 'success',
        }),
        expect.objectContaining({
          meta: expect.objectContaining({
            actionItem: dropped.id,
            status: 'wont_do',
          }),
          outcome: 'success',
        }),
      ]),
    );
    expect(
      firebreak.sent.signals
        .filter(s => s.channel === 'firebreak:action-items')
        .slice(-2)
        .map(s => (s.message as { actionItemId: string }).actionItemId)
        .sort(),
    ).toEqual([completed.id, dropped.id].sort());

    // Finished items are not read again; open ones are, an interval later.
    clock += 5 * MINUTE;
    await sync();
    expect(tracker.reads).toBe(4);
    tracker.set('FAKE-4', { state: 'closed', resolution: 'completed' });
    clock += 5 * MINUTE;
    await sync();
    expect(tracker.reads).toBe(6);
    expect((await get(reopened.id)).status).toBe('done');
    // Reopened in Firebreak while its ticket stays closed: the ticket does not close it again.
    await call(firebreak.server, 'patch', `/action-items/${reopened.id}`, {
      version: 3,
      status: 'open',
    });
    clock += 10 * MINUTE;
    await sync();
    expect(await get(reopened.id)).toMatchObject({
      status: 'open',
      version: 4,
    });
  });

  it('keeps a change someone made while the ticket was read, and applies the ticket on top next time', async () => {
    const [item] = await itemsWithTickets(1);
    tracker.set('FAKE-1', { state: 'closed', resolution: 'completed' });
    tracker.whileReading = async () => {
      tracker.whileReading = undefined;
      const edit = await call(
        firebreak.server,
        'patch',
        `/action-items/${item.id}`,
        { version: item.version, title: 'Alert on pool saturation' },
      );
      expect(edit.status).toBe(200);
    };
    clock += 10 * MINUTE;
    await sync();
    expect(await get(item.id)).toMatchObject({
      title: 'Alert on pool saturation',
      status: 'open',
      version: 3,
    });
    expect(firebreak.audits.at(-1)).toMatchObject({
      eventId: 'action-item-ticket-sync',
      outcome: 'fail',
      error: expect.stringMatching(/changed since version 2/),
    });

    clock += MINUTE;
    await sync();
    expect(await get(item.id)).toMatchObject({
      title: 'Alert on pool saturation',
      status: 'done',
      version: 4,
    });
  });

  it('skips a rate-limited tracker for the rest of the run and a failing ticket for the interval', async () => {
    const [first, second] = await itemsWithTickets(2);
    tracker.set('FAKE-1', { state: 'closed', resolution: 'completed' });
    tracker.set('FAKE-2', { state: 'closed', resolution: 'completed' });
    tracker.readFailure = new FirebreakTicketExporterError(
      'rate-limited',
      'Slow down',
    );
    clock += 10 * MINUTE;
    await sync();
    // The first read was refused: the second ticket was not asked for.
    expect(tracker.reads).toBe(1);
    expect(await get(first.id)).toEqual(first);
    expect(await get(second.id)).toEqual(second);

    // Rate-limited tickets keep their place: the next run reads them at once.
    tracker.readFailure = new FirebreakTicketExporterError(
      'unavailable',
      'Down',
    );
    clock += MINUTE;
    await sync();
    expect(tracker.reads).toBe(3);
    expect((await get(first.id)).status).toBe('open');

    // A failed read waits for the interval like a successful one.
    tracker.readFailure = undefined;
    clock += 5 * MINUTE;
    await sync();
    expect(tracker.reads).toBe(3);
    clock += 5 * MINUTE;
    await sync();
    expect((await get(first.id)).status).toBe('done');
    expect((await get(second.id)).status).toBe('done');
  });
});
