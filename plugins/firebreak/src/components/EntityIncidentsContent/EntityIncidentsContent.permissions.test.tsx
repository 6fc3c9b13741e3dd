import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
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

// Its own file: permission answers are cached for the life of the module.
describe('EntityIncidentsContent without permission', () => {
  it('offers no declare button to someone who may not declare', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={testApis(mockFirebreakApi(), AuthorizeResult.DENY)}
      >
        <EntityProvider entity={entity}>
          <EntityIncidentsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('No active incidents on Payments API'),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Declare incident' }),
      ).not.toBeInTheDocument(),
    );
  });
});
