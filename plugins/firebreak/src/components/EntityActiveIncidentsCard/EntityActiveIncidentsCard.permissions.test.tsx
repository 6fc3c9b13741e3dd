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
import { EntityActiveIncidentsCard } from './EntityActiveIncidentsCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', title: 'Payments API' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

jest.setTimeout(30_000);

// Its own file: permission answers are cached for the life of the module.
describe('EntityActiveIncidentsCard without permission', () => {
  it('offers the history but no declare button to someone who may not declare', async () => {
    await renderInTestApp(
      <TestApiProvider
        apis={testApis(mockFirebreakApi(), AuthorizeResult.DENY)}
      >
        <EntityProvider entity={entity}>
          <EntityActiveIncidentsCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('No active incidents on Payments API.'),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Incident history' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'Declare incident' }),
      ).not.toBeInTheDocument(),
    );
  });
});
