import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { TimelineEvent } from '@firebreak/backstage-plugin-common';
import { screen } from '@testing-library/react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { describeTimelineEvent } from './describeTimelineEvent';

const base = {
  id: 'ev-1',
  incidentId: 'inc-1',
  actorRef: 'user:default/alice',
  at: '2026-06-03T12:00:00.000Z',
};

function event(type: string, data: object): TimelineEvent {
  return { ...base, type, data } as TimelineEvent;
}

const tick = (done: boolean) =>
  event('runbook_step', {
    runbookId: 'rb-1',
    runbookTitle: 'Payments failover',
    version: 3,
    stepId: 's1',
    stepTitle: 'Drain the queue',
    done,
  });

describe('describeTimelineEvent', () => {
  it.each<[string, TimelineEvent, string]>([
    [
      'a changed detection time',
      event('details_changed', { fields: ['detectedAt'] }),
      'Changed the detection time',
    ],
    [
      'several changed details, in words',
      event('details_changed', {
        fields: ['title', 'startedAt', 'detectedAt'],
      }),
      'Changed the title, impact start and detection time',
    ],
    [
      'a ticked runbook step',
      tick(true),
      "Ticked 'Drain the queue' in Payments failover (v3)",
    ],
    [
      'an unticked runbook step',
      tick(false),
      "Unticked 'Drain the queue' in Payments failover (v3)",
    ],
    [
      'a published postmortem',
      event('postmortem_published', { postmortemId: 'pm-1' }),
      'Postmortem published by alice',
    ],
    [
      'a waived postmortem, with the reason',
      event('postmortem_waived', {
        postmortemId: 'pm-1',
        reason: 'A duplicate of INC-41',
      }),
      'Postmortem waived by alice: A duplicate of INC-41',
    ],
    [
      'a reopened postmortem',
      event('postmortem_reopened', { postmortemId: 'pm-1' }),
      'Postmortem reopened by alice',
    ],
  ])('words %s', async (_, timelineEvent, expected) => {
    await renderInTestApp(
      <TestApiProvider apis={testApis(mockFirebreakApi())}>
        <p data-testid="text">{describeTimelineEvent(timelineEvent, [])}</p>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(screen.getByTestId('text').textContent).toBe(expected);
  });

  it('names the actor as a link to their catalog page', async () => {
    await renderInTestApp(
      <TestApiProvider apis={testApis(mockFirebreakApi())}>
        {describeTimelineEvent(
          event('postmortem_published', { postmortemId: 'pm-1' }),
          [],
        )}
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(screen.getByRole('link', { name: 'alice' })).toHaveAttribute(
      'href',
      '/catalog/default/user/alice',
    );
  });
});
