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
  it('disables editing, starring and the workflow, and says why', async () => {
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
    expect(
      screen.getByRole('button', { name: 'Submit for review' }),
    ).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Waive' })).toBeDisabled();
    expect(
      screen.getAllByText(/Only the impacted services' owners/).length,
    ).toBeGreaterThan(0);
    expect(
      screen.getByText('Only those who may edit this postmortem can do this.'),
    ).toBeInTheDocument();
    // Reading and exporting stay open.
    expect(
      screen.getByRole('button', { name: 'Export Markdown' }),
    ).toBeEnabled();
  });
});
