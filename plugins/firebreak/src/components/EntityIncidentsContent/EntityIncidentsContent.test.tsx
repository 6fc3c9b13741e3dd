import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { EntityIncidentsContent } from './EntityIncidentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', title: 'Payments API' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

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
});
