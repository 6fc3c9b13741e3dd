import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { fireEvent, screen, waitFor } from '@testing-library/react';
import {
  mockFirebreakApi,
  mockSignalApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { FirebreakPage } from './FirebreakPage';

const open = {
  id: 'a',
  ref: 'INC-42',
  title: 'Elevated 5xx from payments API',
  severity: 'SEV2',
  priority: 'P2',
  status: 'investigating' as const,
  entityRefs: ['component:default/payments-api'],
  declaredAt: '2026-11-20T10:00:00.000Z',
};

jest.setTimeout(30_000);

describe('FirebreakPage status board', () => {
  it('shows what is open across the organisation and refreshes when incidents change', async () => {
    const signals = mockSignalApi();
    let openNow = [open];
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async request =>
        request?.status ? { items: openNow } : { items: [] },
      ),
    });
    await renderInTestApp(
      <TestApiProvider apis={[...testApis(api), [signalApiRef, signals.api]]}>
        <FirebreakPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Elevated 5xx from payments API'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('tab', { name: 'On-call schedules' }),
    ).toHaveAttribute('href', '/firebreak/oncall');
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: undefined,
        status: ['triage', 'investigating', 'identified', 'monitoring'],
      }),
    );

    openNow = [];
    signals.publish('firebreak:incidents', {
      kind: 'updated',
      incidentId: 'a',
      version: 5,
    });

    expect(
      await screen.findByText('Nothing is open right now'),
    ).toBeInTheDocument();
  });

  it('searches the whole history by text and declared days', async () => {
    const api = mockFirebreakApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[...testApis(api), [signalApiRef, mockSignalApi().api]]}
      >
        <FirebreakPage />
      </TestApiProvider>,
      { mountedRoutes, routeEntries: ['/?q=ledger'] },
    );
    expect(
      await screen.findByText('No incidents match these filters'),
    ).toBeInTheDocument();

    fireEvent.change(screen.getByLabelText('Declared from'), {
      target: { value: '2026-10-01' },
    });

    await waitFor(() =>
      expect(api.listIncidents).toHaveBeenCalledWith(
        expect.objectContaining({
          q: 'ledger',
          from: expect.stringMatching(/^2026-(09-30|10-01)T/),
          to: undefined,
        }),
      ),
    );
  });

  it('leads from the board to on-call, which it serves under /oncall', async () => {
    const api = mockFirebreakApi();
    await renderInTestApp(
      <TestApiProvider
        apis={[...testApis(api), [signalApiRef, mockSignalApi().api]]}
      >
        <FirebreakPage />
      </TestApiProvider>,
      { mountedRoutes, routeEntries: ['/oncall'] },
    );
    expect(
      await screen.findByRole('heading', { name: 'On-call' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByText('No on-call schedules yet'),
    ).toBeInTheDocument();
    expect(screen.getByRole('tab', { name: 'Incidents' })).toHaveAttribute(
      'href',
      '/firebreak',
    );
    expect(
      screen.getByRole('tab', { name: 'On-call schedules' }),
    ).toHaveAttribute('aria-selected', 'true');
  });
});
