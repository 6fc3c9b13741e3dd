import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { PostmortemDetails, Runbook } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { responseError } from '../../__testUtils__/onCallFixtures';
import { testPostmortem } from '../../__testUtils__/postmortemFixtures';
import { PostmortemPage } from './PostmortemPage';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

const ledgerIncident = {
  id: 'inc-7',
  ref: 'INC-7',
  title: 'Ledger writes fail',
  severity: 'SEV3',
  status: 'resolved' as const,
};

/** A postmortem of INC-42 that also covers INC-7, with an event of each to star. */
function covering(overrides: Partial<PostmortemDetails> = {}) {
  const base = testPostmortem();
  return testPostmortem({
    coveredIncidentIds: [testIncident.id, ledgerIncident.id],
    alsoCovers: [ledgerIncident],
    timeline: [
      base.timeline[0],
      {
        id: 'ev-7',
        incidentId: ledgerIncident.id,
        type: 'note',
        at: '2026-11-20T10:15:00.000Z',
        actorRef: 'user:default/bob',
        data: { text: 'Ledger disk full', pinned: false },
      },
    ],
    ...overrides,
  });
}

async function renderPage(
  postmortem: PostmortemDetails,
  overrides: Parameters<typeof mockFirebreakApi>[0] = {},
) {
  const api = mockFirebreakApi({
    getIncidentPostmortem: jest.fn(async () => postmortem),
    ...overrides,
  });
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <Routes>
        <Route path="/incidents/:ref/postmortem" element={<PostmortemPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/incidents/INC-42/postmortem'], mountedRoutes },
  );
  await screen.findByText('Postmortem of INC-42');
  return api;
}

describe('PostmortemPage with several incidents', () => {
  it('lists the other incidents it covers, adds one by reference and removes one', async () => {
    const withEight = covering({
      version: 5,
      alsoCovers: [
        ledgerIncident,
        { ...ledgerIncident, id: 'inc-8', ref: 'INC-8', title: 'Refunds' },
      ],
    });
    const api = await renderPage(covering(), {
      attachPostmortemIncident: jest.fn(async () => withEight),
      detachPostmortemIncident: jest.fn(async () =>
        testPostmortem({ version: 6 }),
      ),
    });
    const list = screen.getByRole('list', { name: 'Also covers' });
    expect(within(list).getByRole('link', { name: 'INC-7' })).toHaveAttribute(
      'href',
      '/firebreak/incidents/INC-7',
    );
    // Durations are the primary incident's, and the page says so.
    expect(
      screen.getByText(/^Of INC-42, the incident this postmortem was started/),
    ).toBeInTheDocument();
    // Each event says which incident it is from.
    expect(screen.getByText(/^INC-7 · /)).toBeInTheDocument();
    expect(screen.getByText('Incident timelines')).toBeInTheDocument();

    await userEvent.type(screen.getByLabelText('Incident reference'), 'INC-8');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(api.attachPostmortemIncident).toHaveBeenCalledWith(
      'pm-1',
      'INC-8',
      4,
    );
    expect(
      await screen.findByRole('link', { name: 'INC-8' }),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Incident reference')).toHaveValue('');

    await userEvent.click(
      screen.getByRole('button', { name: 'Stop covering INC-7' }),
    );
    expect(api.detachPostmortemIncident).toHaveBeenCalledWith('pm-1', 'INC-7');
    expect(await screen.findByText('Only INC-42.')).toBeInTheDocument();
  });

  it('says why an incident could not be added, keeps what was typed, and reloads', async () => {
    const api = await renderPage(covering(), {
      attachPostmortemIncident: jest.fn(async () => {
        throw await responseError(
          409,
          'incidentRef: INC-9 has a postmortem already (its own); only an incident without one can be attached',
        );
      }),
    });
    await userEvent.type(screen.getByLabelText('Incident reference'), 'INC-9');
    await userEvent.click(screen.getByRole('button', { name: 'Add' }));
    expect(
      await screen.findByText(/INC-9 has a postmortem already/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Incident reference')).toHaveValue('INC-9');
    await waitFor(() =>
      expect(api.getIncidentPostmortem).toHaveBeenCalledTimes(2),
    );
  });

  it('does not change what a published postmortem covers', async () => {
    await renderPage(covering({ status: 'published' }));
    expect(
      screen.getByRole('button', { name: 'Stop covering INC-7' }),
    ).toBeDisabled();
    expect(screen.getByLabelText('Incident reference')).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Add' })).toBeDisabled();
  });

  it('lists the runbook versions used, each opening its history at that version', async () => {
    const v3: Runbook = {
      id: 'rb-1',
      title: 'Payments failover',
      body: 'Fail over to the second region.',
      steps: [{ id: 's1', title: 'Drain the queue' }],
      ownerRef: 'group:default/payments',
      entityRefs: testIncident.entityRefs,
      severities: [],
      version: 3,
      latestVersion: 4,
      createdAt: '2026-11-20T09:00:00.000Z',
      createdBy: 'user:default/alice',
    };
    const api = await renderPage(
      testPostmortem({
        status: 'published',
        runbooksUsed: [
          {
            runbookId: 'rb-1',
            title: 'Payments failover',
            version: 3,
            stepsTicked: 2,
          },
        ],
      }),
      {
        listRunbookVersions: jest.fn(async () => ({
          items: [4, 3, 2, 1].map(version => ({
            version,
            title: 'Payments failover',
            createdAt: v3.createdAt,
            createdBy: v3.createdBy,
          })),
        })),
        getRunbook: jest.fn(async () => v3),
      },
    );
    expect(
      screen.getByText('As they were when the postmortem was published.'),
    ).toBeInTheDocument();
    expect(screen.getByText('2 steps ticked')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Payments failover, version 3' }),
    );
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByRole('region', { name: 'Version 3' }),
    ).toHaveTextContent('Drain the queue');
    expect(api.getRunbook).toHaveBeenCalledWith('rb-1', 3);
  });
});
