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
import { responseError } from '../../__testUtils__/onCallFixtures';
import { IncidentPage } from './IncidentPage';

jest.setTimeout(30_000);

const REFUSAL =
  'status: INC-42 cannot be closed until its postmortem is published or waived (SEV2 incidents require one); it is draft';

describe('IncidentPage and its postmortem', () => {
  it('shows at the status control why closing was refused for the postmortem', async () => {
    const resolved: Incident = {
      ...testIncident,
      status: 'resolved',
      resolvedAt: '2026-11-20T11:05:00.000Z',
    };
    const api = mockFirebreakApi({
      getIncident: jest.fn(async () => resolved),
      updateIncident: jest.fn(async () => {
        throw await responseError(409, REFUSAL);
      }),
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
      await screen.findByRole('button', { name: 'Start postmortem' }),
    ).toBeEnabled();

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'closed' }),
    );

    expect(api.updateIncident).toHaveBeenCalledWith(testIncident.id, {
      version: testIncident.version,
      status: 'closed',
    });
    const message = await screen.findByText(REFUSAL);
    expect(message.tagName).toBe('P');
    expect(message.className).toMatch(/MuiFormHelperText/);
    // Not mistaken for someone else's change.
    expect(
      screen.queryByText(/Someone else changed this incident/),
    ).not.toBeInTheDocument();
  });
});
