import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { OnCallPage } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
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

// Its own file: permission answers are cached for the life of the module.
function activePage(notified: string[]): OnCallPage {
  return {
    id: 'page-1',
    incidentId: testIncident.id,
    policyId: 'policy-1',
    policyName: 'Payments default',
    status: 'active',
    level: 1,
    round: 1,
    notified,
    nextEscalationAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    createdAt: testIncident.declaredAt,
  };
}

async function renderDenied(pages: OnCallPage[]) {
  const api = mockFirebreakApi({
    listPages: jest.fn(async () => ({ items: pages })),
  });
  await renderInTestApp(
    <TestApiProvider apis={testApis(api, AuthorizeResult.DENY)}>
      <Routes>
        <Route path="/incidents/:ref" element={<IncidentPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/incidents/INC-42'], mountedRoutes },
  );
  const card = (await screen.findByText('Paging')).closest<HTMLElement>(
    '[class*="MuiCard-root"]',
  )!;
  await within(card).findByText('Payments default');
  return { api, card };
}

describe('IncidentPage without permission', () => {
  it('lets a paged person acknowledge without the update permission, but not escalate', async () => {
    const { api, card } = await renderDenied([
      activePage(['user:default/alice']),
    ]);
    expect(
      screen.getByText('You are being paged for this incident'),
    ).toBeInTheDocument();
    expect(
      within(card).queryByRole('button', { name: 'Escalate now' }),
    ).not.toBeInTheDocument();
    await userEvent.click(
      within(screen.getByRole('alert')).getByRole('button', {
        name: 'Acknowledge',
      }),
    );
    expect(api.acknowledgeIncident).toHaveBeenCalledWith(testIncident.id);
  });

  it('offers neither acknowledging nor escalating to someone neither paged nor allowed', async () => {
    const { card } = await renderDenied([activePage(['user:default/bob'])]);
    expect(card).toHaveTextContent(/notified bob/);
    expect(within(card).queryByRole('button')).not.toBeInTheDocument();
    expect(
      screen.queryByText('You are being paged for this incident'),
    ).not.toBeInTheDocument();
  });

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
