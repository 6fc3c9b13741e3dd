import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { testPolicy, testSchedule } from '../../__testUtils__/onCallFixtures';
import { EscalationPolicyPage } from './EscalationPolicyPage';

jest.setTimeout(30_000);

// Its own file: permission answers are cached for the life of the module.
describe('EscalationPolicyPage without permission to change the policy', () => {
  it('shows the policy without a way to edit it', async () => {
    const api = mockFirebreakApi({
      getEscalationPolicy: jest.fn(async () => testPolicy),
      listSchedules: jest.fn(async () => ({ items: [testSchedule] })),
    });
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, AuthorizeResult.DENY)}>
        <Routes>
          <Route
            path="/oncall/policies/:id"
            element={<EscalationPolicyPage />}
          />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/oncall/policies/policy-1'], mountedRoutes },
    );
    expect(
      await screen.findByRole('heading', { name: 'Payments default' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Edit policy' }),
      ).not.toBeInTheDocument(),
    );
  });
});
