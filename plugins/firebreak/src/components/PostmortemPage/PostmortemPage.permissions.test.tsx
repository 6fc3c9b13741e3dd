import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { testPostmortem } from '../../__testUtils__/postmortemFixtures';
import { PostmortemPage } from './PostmortemPage';

jest.setTimeout(30_000);

// Its own file: permission answers are cached for the life of the module.
describe('PostmortemPage without permission', () => {
  it('disables editing and starring, offers no workflow step, and says why', async () => {
    const api = mockFirebreakApi({
      getIncidentPostmortem: jest.fn(async () => testPostmortem()),
    });
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, AuthorizeResult.DENY)}>
        <Routes>
          <Route
            path="/incidents/:ref/postmortem"
            element={<PostmortemPage />}
          />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/incidents/INC-42/postmortem'], mountedRoutes },
    );
    expect(
      await screen.findByRole('button', { name: 'Edit Summary' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: /^Star event/ })).toBeDisabled();
    // No workflow step they could not take; one sentence says why.
    expect(
      screen.queryByRole('button', { name: 'Submit for review' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'Waive' })).toBeNull();
    expect(
      screen.getAllByText(/Only the impacted services' owners/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText(
        /Only the impacted services’ owners and the incident’s role holders can review, publish or waive it/,
      ),
    ).toBeInTheDocument();
    // Reading and exporting stay open.
    expect(
      screen.getByRole('button', { name: 'Export Markdown' }),
    ).toBeEnabled();
  });
});
