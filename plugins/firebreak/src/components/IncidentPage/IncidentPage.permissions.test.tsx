import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { IncidentPage } from './IncidentPage';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

// Its own file: permission answers are cached for the life of the module.
describe('IncidentPage without permission', () => {
  it('shows the incident read-only to someone who may not change it', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={testApis(mockFirebreakApi(), AuthorizeResult.DENY)}
      >
        <Routes>
          <Route path="/incidents/:ref" element={<IncidentPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/incidents/INC-42'], mountedRoutes },
    );
    expect(
      await screen.findByRole('heading', {
        name: 'INC-42 Elevated 5xx from payments API',
      }),
    ).toBeInTheDocument();
    // Roles are listed but cannot be changed.
    expect(await screen.findByText('Incident commander')).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Post' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', { name: /^(Change|Assign|Clear) / }),
    ).not.toBeInTheDocument();
    expect(screen.getByLabelText('Severity')).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(screen.getByLabelText('Status')).toHaveAttribute(
      'aria-disabled',
      'true',
    );
  });
});
