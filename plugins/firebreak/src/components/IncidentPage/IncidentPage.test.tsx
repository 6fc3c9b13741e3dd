import { ResponseError } from '@backstage/errors';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Incident } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { FirebreakApi } from '../../api';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { IncidentPage } from './IncidentPage';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

async function renderPage(api: FirebreakApi) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
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
}

/** What the backend answers when the version sent is stale. */
async function conflictError() {
  const body = JSON.stringify({
    error: {
      name: 'ConflictError',
      message:
        'version 3 is stale: the incident is at version 4; reload it and try again',
    },
    request: { method: 'PATCH', url: '/api/firebreak/incidents/x' },
    response: { statusCode: 409 },
  });
  return ResponseError.fromResponse({
    status: 409,
    statusText: 'Conflict',
    url: '/api/firebreak/incidents/x',
    headers: new Map([['content-type', 'application/json']]),
    text: async () => body,
  } as unknown as Parameters<typeof ResponseError.fromResponse>[0]);
}

function incidentWith(changes: Partial<Incident>): Incident {
  return { ...testIncident, ...changes };
}

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
          {
            id: 'e2',
            incidentId: testIncident.id,
            type: 'role_changed' as const,
            actorRef: 'user:default/alice',
            at: '2026-11-20T10:06:00.000Z',
            data: { role: 'scribe', to: 'user:default/bob' },
          },
        ],
      })),
    });
    await renderPage(api);
    expect(api.getIncident).toHaveBeenCalledWith('INC-42');
    expect(
      screen.getByText('Status update (internal): Some payments fail'),
    ).toBeInTheDocument();
    // People are named as the catalog presents them, inside the sentence.
    expect(
      await screen.findByText(
        (_, element) => element?.textContent === 'Scribe: nobody → bob',
      ),
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

  it('heads the page with severity, priority, status and how long it lasted, and links the impacted entities', async () => {
    const api = mockFirebreakApi({
      getIncident: jest.fn(async () =>
        incidentWith({
          status: 'resolved',
          entityRefs: [
            'component:default/payments-api',
            'system:default/payments',
          ],
          resolvedAt: '2026-11-20T11:30:00.000Z',
        }),
      ),
    });
    await renderPage(api);
    expect(screen.getByText('Lasted')).toBeInTheDocument();
    expect(screen.getByText('1 h 30 min')).toBeInTheDocument();
    // Impact and urgency are named from the settings, which may come after the incident.
    expect(
      await screen.findByText((_, element) =>
        element?.tagName === 'P'
          ? element.textContent === 'Priority P2: impact medium × urgency high'
          : false,
      ),
    ).toBeInTheDocument();

    const impacted = screen
      .getByText('Impacted')
      .closest<HTMLElement>('[class*="MuiCard-root"]')!;
    const links = within(impacted).getAllByRole('link');
    expect(links.map(link => link.getAttribute('href'))).toEqual([
      '/catalog/default/component/payments-api',
      '/catalog/default/system/payments',
    ]);
  });

  it('counts an open incident up while it is open', async () => {
    const api = mockFirebreakApi({
      getIncident: jest.fn(async () =>
        incidentWith({
          declaredAt: new Date(Date.now() - 90_000).toISOString(),
        }),
      ),
    });
    await renderPage(api);
    const openFor = screen.getByText('Open for').parentElement!;
    const first = openFor.textContent;
    expect(first).toMatch(/Open for\s*1 min \d+ s/);
    await waitFor(() => expect(openFor.textContent).not.toBe(first), {
      timeout: 5000,
    });
  });

  it('explains each severity and changes it at the version on screen', async () => {
    const api = mockFirebreakApi();
    await renderPage(api);
    // The current level says what it means.
    expect(
      await screen.findByText(/badly degraded for a subset of customers/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Severity'));
    const sev1 = await screen.findByRole('option', { name: /SEV1 – critical/ });
    expect(
      within(sev1).getByText(/down for all customers/),
    ).toBeInTheDocument();
    await userEvent.click(sev1);
    expect(api.updateIncident).toHaveBeenCalledWith(testIncident.id, {
      version: 3,
      severity: 'SEV1',
    });
  });

  it('assigns, reassigns and clears roles, and never clears the commander', async () => {
    const api = mockFirebreakApi({
      getIncident: jest.fn(async () =>
        incidentWith({
          roles: {
            commander: 'user:default/alice',
            deputy: 'user:default/bob',
          },
        }),
      ),
    });
    await renderPage(api);
    // Every configured role is listed, held or not.
    expect(await screen.findByText('Communications lead')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Change Incident commander' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Clear Incident commander' }),
    ).not.toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Assign Scribe' }),
    );
    await userEvent.paste('bob');
    await userEvent.click(
      await screen.findByRole('option', { name: /Bob Okafor/ }),
    );
    expect(api.updateIncident).toHaveBeenLastCalledWith(testIncident.id, {
      version: 3,
      roles: { scribe: 'user:default/bob' },
    });

    await userEvent.click(screen.getByRole('button', { name: 'Clear Deputy' }));
    expect(api.updateIncident).toHaveBeenLastCalledWith(testIncident.id, {
      version: 3,
      roles: { deputy: null },
    });
  });

  it('says so and reloads when someone else changed the incident first', async () => {
    const api = mockFirebreakApi({
      getIncident: jest
        .fn()
        .mockResolvedValueOnce(testIncident)
        .mockResolvedValue(
          incidentWith({ version: 4, status: 'monitoring', severity: 'SEV1' }),
        ),
      updateIncident: jest.fn(async () => {
        throw await conflictError();
      }),
    });
    await renderPage(api);

    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'resolved' }),
    );
    expect(
      await screen.findByText(/Someone else changed this incident — reloaded/),
    ).toBeInTheDocument();
    // What is shown now is the other person's change, not ours.
    await waitFor(() =>
      expect(screen.getByLabelText('Status')).toHaveTextContent('monitoring'),
    );
    expect(api.getIncident).toHaveBeenCalledTimes(2);
  });

  it("shows the backend's reason when it refuses a change", async () => {
    const api = mockFirebreakApi({
      updateIncident: jest.fn(async () => {
        throw new Error(
          'roles.scribe: user:default/ghost is not in the catalog',
        );
      }),
    });
    await renderPage(api);
    await userEvent.click(screen.getByLabelText('Status'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'resolved' }),
    );
    expect(
      await screen.findByText(/ghost is not in the catalog/),
    ).toBeInTheDocument();
  });
});
