import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Incident } from '@firebreak/backstage-plugin-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { testPostmortem } from '../../__testUtils__/postmortemFixtures';
import { PostmortemCard } from './PostmortemCard';

jest.setTimeout(30_000);

const resolved: Incident = {
  ...testIncident,
  status: 'resolved',
  resolvedAt: '2026-11-20T11:05:00.000Z',
};

async function renderCard(api: ReturnType<typeof mockFirebreakApi>) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <Routes>
        <Route path="/" element={<PostmortemCard incident={resolved} />} />
        <Route
          path="/firebreak/incidents/:ref/postmortem"
          element={<div>the postmortem page</div>}
        />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/'], mountedRoutes },
  );
}

describe('PostmortemCard', () => {
  it('starts the postmortem of a resolved incident and opens its page', async () => {
    const api = mockFirebreakApi({
      startPostmortem: jest.fn(async () => testPostmortem()),
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Start postmortem' }),
    );
    expect(api.startPostmortem).toHaveBeenCalledWith(testIncident.id);
    expect(await screen.findByText('the postmortem page')).toBeInTheDocument();
  });

  it('shows an existing one: required, due date in red when overdue, status and link', async () => {
    const api = mockFirebreakApi({
      getIncidentPostmortem: jest.fn(async () =>
        testPostmortem({
          status: 'in_review',
          overdue: true,
          dueAt: new Date(Date.now() - 2.5 * 24 * 3600_000).toISOString(),
        }),
      ),
    });
    await renderCard(api);
    const due = await screen.findByText('overdue by 2 days');
    // Marked late: bold dark red (the theme's main red is too faint for AA).
    expect(due.className).toMatch(/late/);
    expect(screen.getByText('In review')).toBeInTheDocument();
    expect(
      screen.getByText(/Required: the incident closes/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the postmortem' }),
    ).toHaveAttribute('href', '/firebreak/incidents/INC-42/postmortem');
    expect(
      screen.queryByRole('button', { name: 'Start postmortem' }),
    ).not.toBeInTheDocument();
  });

  it('shows the postmortem of another incident that covers this one, linking to it', async () => {
    const primary = testPostmortem();
    const api = mockFirebreakApi({
      getIncidentPostmortem: jest.fn(async () =>
        testPostmortem({
          incidentId: 'inc-1',
          incidentRef: 'INC-1',
          incident: { ...primary.incident, id: 'inc-1', ref: 'INC-1' },
          coveredIncidentIds: ['inc-1', testIncident.id],
          alsoCovers: [
            {
              id: testIncident.id,
              ref: testIncident.ref,
              title: testIncident.title,
              severity: 'SEV2',
              status: 'resolved',
            },
          ],
        }),
      ),
    });
    await renderCard(api);
    expect(
      await screen.findByText(
        'Written for INC-1, it covers this incident too.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'Open the postmortem' }),
    ).toHaveAttribute('href', '/firebreak/incidents/INC-1/postmortem');
  });
});
