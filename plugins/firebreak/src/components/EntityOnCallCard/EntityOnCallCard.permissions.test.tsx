import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { EntityOnCallCard } from './EntityOnCallCard';

jest.setTimeout(30_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { type: 'service', owner: 'group:default/payments-team' },
};

// Its own file: permission answers are cached for the life of the module.
describe('EntityOnCallCard without permission', () => {
  it('says that on-call is not visible instead of failing', async () => {
    const api = mockFirebreakApi();
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, AuthorizeResult.DENY)}>
        <EntityProvider entity={entity}>
          <EntityOnCallCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('You are not allowed to see who is on call.'),
    ).toBeInTheDocument();
    expect(api.getOnCall).not.toHaveBeenCalled();
  });
});
