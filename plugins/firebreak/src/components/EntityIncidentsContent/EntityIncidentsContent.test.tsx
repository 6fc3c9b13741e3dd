import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { signalApiRef } from '@backstage/plugin-signals-react';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Settings } from 'luxon';
import {
  mockFirebreakApi,
  mockSignalApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { FirebreakApi } from '../../api';
import { EntityIncidentsContent } from './EntityIncidentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', title: 'Payments API' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

const resolved = {
  id: 'r',
  ref: 'INC-12',
  title: 'Checkout latency',
  severity: 'SEV3',
  priority: 'P4',
  status: 'resolved' as const,
  entityRefs: ['component:default/payments-api'],
  declaredAt: '2026-11-02T10:00:00.000Z',
};

async function renderTab(
  api: FirebreakApi,
  options: {
    entity?: Entity;
    path?: string;
    signals?: ReturnType<typeof mockSignalApi>;
  } = {},
) {
  const signals = options.signals ?? mockSignalApi();
  await renderInTestApp(
    <TestApiProvider apis={[...testApis(api), [signalApiRef, signals.api]]}>
      <EntityProvider entity={options.entity ?? entity}>
        <EntityIncidentsContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes, routeEntries: [options.path ?? '/'] },
  );
}

/** The history requests: those without the active-statuses filter of the list on top. */
function historyRequests(api: jest.Mocked<FirebreakApi>) {
  return api.listIncidents.mock.calls
    .map(([request]) => request)
    .filter(request => request?.status?.length !== 4);
}

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

describe('EntityIncidentsContent', () => {
  it('shows active incidents and the history of the entity, and offers to declare', async () => {
    const api = mockFirebreakApi();
    await renderInTestApp(
      <TestApiProvider apis={testApis(api)}>
        <EntityProvider entity={entity}>
          <EntityIncidentsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('No active incidents on Payments API'),
    ).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        status: ['triage', 'investigating', 'identified', 'monitoring'],
      }),
    );
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/payments-api',
        status: undefined,
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    expect(await screen.findByText('Declare an incident')).toBeInTheDocument();
    // The dialog starts with this entity, named from the catalog.
    expect(
      await within(screen.getByRole('dialog')).findByText('Payments API'),
    ).toBeInTheDocument();
  });

  it("filters the history by declared days, as instants in the browser's time zone", async () => {
    const zone = Settings.defaultZone;
    Settings.defaultZone = 'America/New_York';
    try {
      const api = mockFirebreakApi();
      await renderTab(api);
      await screen.findByText('No active incidents on Payments API');

      fireEvent.change(screen.getByLabelText('Declared from'), {
        target: { value: '2026-11-01' },
      });
      fireEvent.change(screen.getByLabelText('Declared to'), {
        target: { value: '2026-11-30' },
      });

      // New York leaves summer time on 1 November: that midnight is 04:00 UTC, and the whole of
      // 30 November counts, up to 1 December 00:00 EST (05:00 UTC).
      await waitFor(() =>
        expect(historyRequests(api)).toContainEqual(
          expect.objectContaining({
            entityRef: 'component:default/payments-api',
            from: '2026-11-01T04:00:00.000Z',
            to: '2026-12-01T05:00:00.000Z',
          }),
        ),
      );
    } finally {
      Settings.defaultZone = zone;
    }
  });

  it('says when the filters hide every incident, and clears them', async () => {
    const api = mockFirebreakApi({
      // Nothing open; one resolved incident, which a SEV1 filter hides.
      listIncidents: jest.fn(async request =>
        request?.severity || request?.status
          ? { items: [] }
          : { items: [resolved] },
      ),
    });
    await renderTab(api, { path: '/?severity=SEV1&q=checkout' });

    expect(
      await screen.findByText('No incidents match these filters'),
    ).toBeInTheDocument();
    expect(screen.getByLabelText(/Search titles/)).toHaveValue('checkout');
    expect(historyRequests(api)).toContainEqual(
      expect.objectContaining({ severity: ['SEV1'], q: 'checkout' }),
    );

    await userEvent.click(
      screen.getAllByRole('button', { name: 'Clear filters' })[0],
    );

    expect(await screen.findByText('Checkout latency')).toBeInTheDocument();
    expect(screen.getByLabelText(/Search titles/)).toHaveValue('');
    expect(
      screen.queryByText('No incidents match these filters'),
    ).not.toBeInTheDocument();
  });

  it('reloads both lists when the backend signals a change, keeping the filters', async () => {
    const signals = mockSignalApi();
    const api = mockFirebreakApi();
    await renderTab(api, { path: '/?status=resolved', signals });
    await screen.findByText('No active incidents on Payments API');
    await waitFor(() => expect(api.listIncidents).toHaveBeenCalledTimes(2));

    signals.publish('firebreak:incidents', {
      kind: 'updated',
      incidentId: 'x',
      version: 2,
    });

    await waitFor(() => expect(api.listIncidents).toHaveBeenCalledTimes(4));
    expect(historyRequests(api)).toEqual([
      expect.objectContaining({ status: ['resolved'] }),
      expect.objectContaining({ status: ['resolved'] }),
    ]);
  });

  it("on a system's page, speaks of the system and its parts", async () => {
    const api = mockFirebreakApi();
    await renderTab(api, {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'System',
        metadata: { name: 'payments', title: 'Payments' },
        spec: { owner: 'group:default/payments' },
      },
    });

    expect(
      await screen.findByText(
        'No active incidents in Payments or its components',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        'Incidents of the Payments system and of its components, APIs and resources',
      ),
    ).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'system:default/payments' }),
    );
  });

  it("on a group's page, declares without naming the group as impacted", async () => {
    await renderTab(mockFirebreakApi(), {
      entity: {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Group',
        metadata: { name: 'payments', title: 'Payments' },
        spec: { type: 'team', children: [] },
      },
    });
    expect(
      await screen.findByText('No active incidents on anything Payments owns'),
    ).toBeInTheDocument();

    await userEvent.click(
      screen.getByRole('button', { name: 'Declare incident' }),
    );
    expect(await screen.findByText('Declare an incident')).toBeInTheDocument();
    expect(screen.getByLabelText(/Impacted entities/)).toHaveValue('');
  });
});
