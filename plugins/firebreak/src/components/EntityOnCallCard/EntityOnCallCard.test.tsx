import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import {
  EscalationPolicy,
  OnCallResponse,
  Schedule,
} from '@firebreak/backstage-plugin-common';
import { screen, within } from '@testing-library/react';
import { DateTime } from 'luxon';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { formatWhen } from '../ShiftTime';
import { EntityOnCallCard } from './EntityOnCallCard';

jest.setTimeout(30_000);

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', title: 'Payments API' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

const HOUR = 3_600_000;
// Half a minute of slack for rendering: the card says "in 2 h 30 min".
const handoff = new Date(
  Date.now() + 2 * HOUR + 30 * 60_000 + 30_000,
).toISOString();

const policy: EscalationPolicy = {
  id: 'policy-1',
  name: 'Payments default',
  ownerRef: 'group:default/payments-team',
  levels: [
    { targets: [{ type: 'schedule', ref: 'sched-1' }], ackTimeoutMinutes: 10 },
    { targets: [{ type: 'schedule', ref: 'sched-2' }], ackTimeoutMinutes: 15 },
    {
      targets: [{ type: 'user', ref: 'user:default/bob' }],
      ackTimeoutMinutes: 15,
    },
  ],
  repeat: 1,
  isDefault: true,
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function schedule(id: string, name: string): Schedule {
  return {
    id,
    name,
    ownerRef: 'group:default/payments-team',
    timeZone: 'Europe/Berlin',
    layers: [],
    overrides: [],
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
}

const onCall: OnCallResponse = {
  entityRef: 'component:default/payments-api',
  policy: {
    id: 'policy-1',
    name: 'Payments default',
    ownerRef: policy.ownerRef,
  },
  policySource: 'owner',
  levels: [
    {
      level: 1,
      users: [
        {
          userRef: 'user:default/alice',
          until: handoff,
          scheduleId: 'sched-1',
        },
      ],
      next: [
        {
          userRef: 'user:default/bob',
          start: handoff,
          end: new Date(Date.parse(handoff) + 168 * HOUR).toISOString(),
          scheduleId: 'sched-1',
        },
      ],
    },
    { level: 2, users: [], next: [] },
    { level: 3, users: [{ userRef: 'user:default/bob' }], next: [] },
  ],
};

function onCallApi(answer: OnCallResponse = onCall) {
  return mockFirebreakApi({
    getOnCall: jest.fn(async () => answer),
    getEscalationPolicy: jest.fn(async () => policy),
    getSchedule: jest.fn(async (id: string) =>
      schedule(id, id === 'sched-1' ? 'Payments primary' : 'Other'),
    ),
  });
}

async function renderCard(api = onCallApi(), entity = component) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <EntityProvider entity={entity}>
        <EntityOnCallCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
  return api;
}

describe('EntityOnCallCard', () => {
  it('shows who is on call at each level until when, who is next, and links the schedule and the policy', async () => {
    const api = await renderCard();
    const level1 = await screen.findByRole('list', { name: 'Level 1' });
    expect(api.getOnCall).toHaveBeenCalledWith(
      'component:default/payments-api',
    );

    // Relative and absolute, in the viewer's zone; then who takes over.
    const when = `${formatWhen(handoff, DateTime.now())} (in 2 h 30 min)`;
    const alice = within(level1).getByText('alice').closest('li')!;
    expect(alice).toHaveTextContent(`alice · Payments primary`);
    expect(alice).toHaveTextContent(`on call until ${when}then bob`);
    expect(level1).toHaveTextContent(
      '1 · 10 min to acknowledge before the next level',
    );
    expect(
      within(level1).getByRole('link', { name: 'Payments primary' }),
    ).toHaveAttribute('href', '/firebreak/oncall/schedules/sched-1');

    // Someone is reachable: no alarm for the whole card.
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    // A level with nobody on call says that paging skips it.
    expect(screen.getByRole('list', { name: 'Level 2' })).toHaveTextContent(
      'Nobody is on call at this level now: paging skips it.',
    );
    // A person named in the policy is always paged.
    expect(screen.getByRole('list', { name: 'Level 3' })).toHaveTextContent(
      'always paged at this level',
    );

    // Which policy, and why.
    expect(screen.getByTestId('info-card-subheader')).toHaveTextContent(
      'Paged through Payments default, the default policy of payments-team',
    );
    expect(
      screen.getAllByRole('link', {
        name: /Payments default|Escalation policy/,
      })[0],
    ).toHaveAttribute('href', '/firebreak/oncall/policies/policy-1');
  });

  it('says from when someone takes over a schedule nobody holds now', async () => {
    await renderCard(
      onCallApi({
        ...onCall,
        levels: [
          {
            level: 1,
            users: [],
            next: [
              {
                userRef: 'user:default/bob',
                start: handoff,
                end: new Date(Date.parse(handoff) + HOUR).toISOString(),
                scheduleId: 'sched-1',
              },
            ],
          },
        ],
      }),
    );
    const level1 = await screen.findByRole('list', { name: 'Level 1' });
    expect(level1).toHaveTextContent(
      'Nobody is on call at this level now: paging skips it.',
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Nobody is on call at any level now: an incident on Payments API would page nobody.',
    );
    expect(level1).toHaveTextContent(
      `Next: bob from ${formatWhen(
        handoff,
        DateTime.now(),
      )} (in 2 h 30 min) · Payments primary`,
    );
  });

  it('says when the annotation chose the policy', async () => {
    await renderCard(onCallApi({ ...onCall, policySource: 'annotation' }));
    expect(await screen.findByTestId('info-card-subheader')).toHaveTextContent(
      'Paged through Payments default, named by the firebreak.dev/escalation-policy annotation',
    );
  });

  it('says what to do when no policy pages for the entity', async () => {
    await renderCard(
      onCallApi({ entityRef: 'component:default/payments-api', levels: [] }),
    );
    expect(
      await screen.findByText(/Nobody is paged when Payments API breaks/),
    ).toHaveTextContent(
      'its owner, payments-team, has no default escalation policy. Create a schedule and a default escalation policy for the owning team, or set the firebreak.dev/escalation-policy annotation to an existing policy.',
    );
    expect(
      screen.getByRole('button', { name: 'Set up on-call' }),
    ).toHaveAttribute('href', '/firebreak/oncall');
  });

  it('points at an annotation that names no policy', async () => {
    await renderCard(
      onCallApi({ entityRef: 'component:default/payments-api', levels: [] }),
      {
        ...component,
        metadata: {
          ...component.metadata,
          annotations: { 'firebreak.dev/escalation-policy': 'payments-typo' },
        },
      },
    );
    expect(
      await screen.findByText(
        /names “payments-typo”, but no escalation policy/,
      ),
    ).toBeInTheDocument();
  });
});
