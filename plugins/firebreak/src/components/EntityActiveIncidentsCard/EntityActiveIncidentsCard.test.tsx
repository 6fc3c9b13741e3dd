import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { IncidentSummary } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  mockSignalApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { EntityActiveIncidentsCard } from './EntityActiveIncidentsCard';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', title: 'Payments API' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', title: 'Payments' },
  spec: { owner: 'group:default/payments' },
};

function incident(
  ref: string,
  severity: string,
  declaredAt: string,
  entityRefs = ['component:default/payments-api'],
): IncidentSummary {
  return {
    id: ref,
    ref,
    title: `${ref} title`,
    severity,
    priority: 'P3',
    status: 'investigating',
    entityRefs,
    declaredAt,
  };
}

async function renderCard(
  api = mockFirebreakApi(),
  entity = component,
  signals = mockSignalApi(),
) {
  await renderInTestApp(
    <TestApiProvider apis={[...testApis(api), [signalApiRef, signals.api]]}>
      <EntityProvider entity={entity}>
        <EntityActiveIncidentsCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

describe('EntityActiveIncidentsCard', () => {
  it('lists the open incidents of the entity, worst severity first, then the longest open', async () => {
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async () => ({
        // newest first, as the API answers
        items: [
          incident('INC-5', 'SEV3', '2026-11-20T12:00:00.000Z'),
          incident('INC-4', 'SEV1', '2026-11-20T11:00:00.000Z'),
          incident('INC-3', 'SEV2', '2026-11-20T10:00:00.000Z'),
          incident('INC-2', 'SEV1', '2026-11-20T09:00:00.000Z'),
        ],
      })),
    });
    await renderCard(api);

    const list = await screen.findByRole('list', {
      name: 'Active incidents of Payments API',
    });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map(row => within(row).getByRole('link').textContent)).toEqual([
      'INC-2INC-2 title',
      'INC-4INC-4 title',
      'INC-3INC-3 title',
      'INC-5INC-5 title',
    ]);
    expect(within(rows[0]).getByText('SEV1')).toBeInTheDocument();
    expect(within(rows[0]).getByText('investigating')).toBeInTheDocument();
    expect(within(rows[0]).getByText(/^open for /)).toBeInTheDocument();
    expect(within(rows[0]).getByRole('link')).toHaveAttribute(
      'href',
      '/firebreak/incidents/INC-2',
    );
    expect(api.listIncidents).toHaveBeenCalledWith({
      entityRef: 'component:default/payments-api',
      status: ['triage', 'investigating', 'identified', 'monitoring'],
      limit: 100,
    });
    expect(screen.getByRole('link', { name: 'All incidents' })).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/incidents',
    );
  });

  it('says when nothing is open, and offers to declare and the history', async () => {
    await renderCard();

    expect(
      await screen.findByText('No active incidents on Payments API.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Incident history' }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/incidents',
    );

    await userEvent.click(
      await screen.findByRole('button', { name: 'Declare incident' }),
    );
    expect(await screen.findByText('Declare an incident')).toBeInTheDocument();
    // The dialog starts with this entity, named from the catalog.
    expect(
      await within(screen.getByRole('dialog')).findByText('Payments API'),
    ).toBeInTheDocument();
  });

  it('on a system, covers its parts and says which part each incident is on', async () => {
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async () => ({
        items: [
          incident('INC-7', 'SEV2', '2026-11-20T10:00:00.000Z', [
            'component:default/ledger',
          ]),
        ],
      })),
    });
    await renderCard(api, system);

    expect(
      await screen.findByText(
        'Incidents of the Payments system and of its components, APIs and resources',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'ledger' })).toHaveAttribute(
      'href',
      '/catalog/default/component/ledger',
    );
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'system:default/payments' }),
    );
  });

  it('reloads when the backend signals an incident change', async () => {
    const signals = mockSignalApi();
    const listIncidents = jest
      .fn()
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValue({
        items: [incident('INC-9', 'SEV1', '2026-11-20T10:00:00.000Z')],
      });
    await renderCard(mockFirebreakApi({ listIncidents }), component, signals);
    expect(
      await screen.findByText('No active incidents on Payments API.'),
    ).toBeInTheDocument();

    signals.publish('firebreak:incidents', {
      kind: 'declared',
      incidentId: 'INC-9',
      version: 1,
    });

    expect(await screen.findByText('INC-9 title')).toBeInTheDocument();
    expect(listIncidents).toHaveBeenCalledTimes(2);
  });

  it('shows the error when the backend fails', async () => {
    const api = mockFirebreakApi({
      listIncidents: jest.fn(async () => {
        throw new Error('Firebreak backend unreachable');
      }),
    });
    await renderCard(api);
    await waitFor(() =>
      expect(
        screen.getAllByText(/Firebreak backend unreachable/)[0],
      ).toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', { name: 'Declare incident' }),
    ).not.toBeInTheDocument();
  });
});
