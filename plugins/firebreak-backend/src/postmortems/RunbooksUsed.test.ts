import { TimelineEvent } from '@firebreak/backstage-plugin-common';
import { runbooksUsed } from './RunbooksUsed';

let sequence = 0;

/** A tick of a step at minute `minute`, in incident `incidentId`. */
function tick(
  minute: number,
  runbook: [id: string, title: string, version: number],
  stepId: string,
  done = true,
  incidentId = 'inc-1',
): TimelineEvent {
  sequence += 1;
  const [runbookId, runbookTitle, version] = runbook;
  return {
    id: `ev-${sequence}`,
    incidentId,
    actorRef: 'user:default/alice',
    at: new Date(Date.UTC(2026, 5, 3, 12, minute)).toISOString(),
    type: 'runbook_step',
    data: {
      runbookId,
      runbookTitle,
      version,
      stepId,
      stepTitle: `Step ${stepId}`,
      done,
    },
  };
}

const failoverV1: [string, string, number] = ['rb-1', 'Payments failover', 1];
const failoverV2: [string, string, number] = ['rb-1', 'Payments failover', 2];
const drain: [string, string, number] = ['rb-2', 'Drain the queue', 4];
const note: TimelineEvent = {
  id: 'note',
  incidentId: 'inc-1',
  actorRef: 'user:default/alice',
  at: '2026-06-03T12:00:00.000Z',
  type: 'note',
  data: { text: 'Looking', pinned: false },
};

describe('runbooksUsed', () => {
  it.each<[string, TimelineEvent[], string | undefined, object[]]>([
    ['nothing when no step was ticked', [note], undefined, []],
    [
      'one entry per runbook version, counting the steps that ended ticked',
      [tick(1, failoverV1, 's1'), tick(2, failoverV1, 's2')],
      undefined,
      [
        {
          runbookId: 'rb-1',
          title: 'Payments failover',
          version: 1,
          stepsTicked: 2,
        },
      ],
    ],
    [
      'a step ticked then unticked does not count, but the version was used',
      [tick(1, failoverV1, 's1'), tick(2, failoverV1, 's1', false)],
      undefined,
      [{ runbookId: 'rb-1', version: 1, stepsTicked: 0 }],
    ],
    [
      'each version on its own, sorted by title then version',
      [
        tick(1, failoverV2, 's1'),
        tick(2, drain, 's1'),
        tick(3, failoverV1, 's1'),
        tick(4, failoverV1, 's2'),
      ],
      undefined,
      [
        { title: 'Drain the queue', version: 4, stepsTicked: 1 },
        { title: 'Payments failover', version: 1, stepsTicked: 2 },
        { title: 'Payments failover', version: 2, stepsTicked: 1 },
      ],
    ],
    [
      'the same step ticked in two covered incidents counts once',
      [
        tick(1, drain, 's1', true, 'inc-1'),
        tick(2, drain, 's1', true, 'inc-2'),
        tick(3, drain, 's1', false, 'inc-2'),
      ],
      undefined,
      [{ runbookId: 'rb-2', stepsTicked: 1 }],
    ],
    [
      'nothing after the cut-off (a published postmortem stays as it was)',
      [
        tick(1, failoverV1, 's1'),
        tick(5, failoverV1, 's1', false),
        tick(6, failoverV2, 's1'),
      ],
      '2026-06-03T12:05:00.000Z',
      [{ version: 1, stepsTicked: 0 }],
    ],
  ])('%s', (_, timeline, until, expected) => {
    const used = runbooksUsed(timeline, until);
    expect(used).toHaveLength(expected.length);
    expected.forEach((entry, i) => expect(used[i]).toMatchObject(entry));
  });
});
