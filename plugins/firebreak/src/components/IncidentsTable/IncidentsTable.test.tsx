import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { firebreakApiRef } from '../../api';
import {
  mockFirebreakApi,
  mockSignalApi,
  mountedRoutes,
} from '../../__testUtils__/mockFirebreakApi';
import { IncidentsTable } from './IncidentsTable';

const incident = {
  id: 'a',
  ref: 'INC-42',
  title: 'Elevated 5xx from payments API',
  severity: 'SEV2',
  priority: 'P2',
  status: 'investigating' as const,
  entityRefs: ['component:default/payments-api'],
  declaredAt: '2026-11-20T10:00:00.000Z',
};

describe('IncidentsTable', () => {
  it('shows the incidents the API returns, linking to their pages', async () => {
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async () => ({ items: [incident] })),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <IncidentsTable
          entityRef="component:default/payments-api"
          status={['investigating']}
        />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Elevated 5xx from payments API'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'INC-42' })).toHaveAttribute(
      'href',
      '/firebreak/incidents/INC-42',
    );
    expect(screen.getByText('SEV2')).toBeInTheDocument();
    expect(screen.getByText('investigating')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        status: ['investigating'],
        limit: 25,
      }),
    );
  });

  it('loads older incidents with the cursor', async () => {
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async ({ cursor } = {}) =>
        cursor
          ? {
              items: [
                { ...incident, id: 'b', ref: 'INC-41', title: 'Older one' },
              ],
            }
          : { items: [incident], nextCursor: 'next' },
      ),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <IncidentsTable />
      </TestApiProvider>,
      { mountedRoutes },
    );
    (
      await screen.findByRole('button', { name: 'Show older incidents' })
    ).click();
    expect(await screen.findByText('Older one')).toBeInTheDocument();
    expect(
      screen.getByText('Elevated 5xx from payments API'),
    ).toBeInTheDocument();
  });

  it('says so when there are no incidents', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, mockFirebreakApi()]]}>
        <IncidentsTable emptyMessage="No incidents yet" />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(await screen.findByText('No incidents yet')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async () => {
        throw new Error('Firebreak backend unreachable');
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <IncidentsTable />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      (await screen.findAllByText(/Firebreak backend unreachable/))[0],
    ).toBeInTheDocument();
  });

  it('reloads every page the user has opened when incidents change, keeping the filters', async () => {
    const signals = mockSignalApi();
    let newestTitle = 'Elevated 5xx from payments API';
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async ({ cursor } = {}) =>
        cursor
          ? {
              items: [
                { ...incident, id: 'b', ref: 'INC-41', title: 'Older one' },
              ],
            }
          : {
              items: [{ ...incident, title: newestTitle }],
              nextCursor: 'next',
            },
      ),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [firebreakApiRef, api],
          [signalApiRef, signals.api],
        ]}
      >
        <IncidentsTable severity={['SEV2']} pageSize={1} />
      </TestApiProvider>,
      { mountedRoutes },
    );
    (
      await screen.findByRole('button', { name: 'Show older incidents' })
    ).click();
    expect(await screen.findByText('Older one')).toBeInTheDocument();
    api.listIncidents.mockClear();

    newestTitle = 'Payments API down';
    signals.publish('firebreak:incidents', {
      kind: 'updated',
      incidentId: 'a',
      version: 4,
    });

    expect(await screen.findByText('Payments API down')).toBeInTheDocument();
    expect(screen.getByText('Older one')).toBeInTheDocument();
    expect(api.listIncidents.mock.calls).toEqual([
      [{ severity: ['SEV2'], limit: 1, cursor: undefined }],
      [{ severity: ['SEV2'], limit: 1, cursor: 'next' }],
    ]);
  });

  it('keeps the rows on screen when a reload fails, and says they may be out of date', async () => {
    const signals = mockSignalApi();
    const api = mockFirebreakApi({
      listIncidents: jest
        .fn()
        .mockResolvedValueOnce({ items: [incident] })
        .mockRejectedValue(new Error('Firebreak backend unreachable')),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [firebreakApiRef, api],
          [signalApiRef, signals.api],
        ]}
      >
        <IncidentsTable />
      </TestApiProvider>,
      { mountedRoutes },
    );
    await screen.findByText('Elevated 5xx from payments API');

    signals.publish('firebreak:incidents', {
      kind: 'updated',
      incidentId: 'a',
      version: 4,
    });

    expect(
      await screen.findByText(/Could not reload the list/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Elevated 5xx from payments API'),
    ).toBeInTheDocument();
    await waitFor(() => expect(api.listIncidents).toHaveBeenCalledTimes(2));
  });
});
