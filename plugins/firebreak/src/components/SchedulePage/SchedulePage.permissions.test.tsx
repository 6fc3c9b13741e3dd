import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { testSchedule } from '../../__testUtils__/onCallFixtures';
import { SchedulePage } from './SchedulePage';

jest.setTimeout(30_000);

// Its own file: permission answers are cached for the life of the module.
describe('SchedulePage without permission to change the schedule', () => {
  it('shows the schedule and its overrides read-only', async () => {
    const api = mockFirebreakApi({
      getSchedule: jest.fn(async () => testSchedule),
    });
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, AuthorizeResult.DENY)}>
        <Routes>
          <Route path="/oncall/schedules/:id" element={<SchedulePage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/oncall/schedules/sched-1'], mountedRoutes },
    );
    expect(
      await screen.findByRole('heading', { name: 'Payments primary' }),
    ).toBeInTheDocument();
    expect(await screen.findByText(/^Bob Okafor covers/)).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Edit schedule' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', { name: /^Remove the override/ }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Add override' }),
    ).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: "I'll cover" }),
    ).not.toBeInTheDocument();
    // The feed address shows; replacing it is for the schedule's owners.
    expect(
      await screen.findByDisplayValue(
        'http://localhost:7007/api/firebreak/calendar/token.ics',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Get a new address' }),
    ).not.toBeInTheDocument();
  });
});
