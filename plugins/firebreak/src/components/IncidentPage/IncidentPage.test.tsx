import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { IncidentPage } from './IncidentPage';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

describe('IncidentPage', () => {
  it('shows the incident and its timeline, and changes its status at its version', async () => {
    const api = mockFirebreakApi({
      getTimeline: jest.fn(async () => ({
        items: [
          {
            id: 'e1',
            incidentId: testIncident.id,
            type: 'status_update' as const,
            actorRef: 'user:default/alice',
            at: '2026-11-20T10:05:00.000Z',
            data: { text: 'Some payments fail', audience: 'internal' as const },
          },
        ],
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={testApis(api)}>
        <Routes>
          <Route path="/incidents/:ref" element={<IncidentPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/incidents/INC-42'], mountedRoutes },
    );
    expect(
      await screen.findByText('INC-42 Elevated 5xx from payments API'),
    ).toBeInTheDocument();
    expect(api.getIncident).toHaveBeenCalledWith('INC-42');
    expect(
      screen.getByText('Status update (internal): Some payments fail'),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'resolved' }),
    );
    expect(api.updateIncident).toHaveBeenCalledWith(testIncident.id, {
      version: 3,
      status: 'resolved',
    });
  });
});
