import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FirebreakApi, firebreakApiRef } from '../../api';
import { IncidentsTable } from './IncidentsTable';

function mockApi(overrides: Partial<FirebreakApi>): FirebreakApi {
  return {
    listIncidents: jest.fn(async () => ({ items: [] })),
    ...overrides,
  };
}

describe('IncidentsTable', () => {
  it('shows the incidents the API returns for the entity', async () => {
    const api = mockApi({
      listIncidents: jest.fn(async () => ({
        items: [
          {
            id: 'a',
            ref: 'INC-42',
            title: 'Elevated 5xx from payments API',
            severity: 'SEV2',
            priority: 'P2',
            status: 'investigating' as const,
            entityRefs: ['component:default/payments-api'],
            declaredAt: '2026-11-20T10:00:00.000Z',
          },
        ],
      })),
    });

    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <IncidentsTable entityRef="component:default/payments-api" />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      await screen.findByText('Elevated 5xx from payments API'),
    ).toBeInTheDocument();
    expect(screen.getByText('INC-42')).toBeInTheDocument();
    expect(screen.getByText('SEV2')).toBeInTheDocument();
    expect(screen.getByText('investigating')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      limit: 25,
    });
  });

  it('says so when there are no incidents', async () => {
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, mockApi({})]]}>
        <IncidentsTable entityRef="component:default/payments-api" />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText('No incidents yet')).toBeInTheDocument();
  });

  it('shows the error when the backend fails', async () => {
    const api = mockApi({
      listIncidents: jest.fn(async () => {
        throw new Error('Firebreak backend unreachable');
      }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <IncidentsTable />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(
      (await screen.findAllByText(/Firebreak backend unreachable/))[0],
    ).toBeInTheDocument();
  });
});
