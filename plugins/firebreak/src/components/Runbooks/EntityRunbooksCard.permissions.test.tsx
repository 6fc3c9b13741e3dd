import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { firebreakRunbookCreatePermission } from '@firebreak/backstage-plugin-common';
import { screen, waitFor } from '@testing-library/react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { CREATE_DENIED_REASON, EntityRunbooksCard } from './EntityRunbooksCard';

// Its own file: permission answers are cached for the life of the module.
jest.setTimeout(60_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { type: 'service', owner: 'payments' },
};

describe('EntityRunbooksCard without permission', () => {
  it('disables New runbook and Edit with the reason when the user is not in the owner team', async () => {
    const api = mockFirebreakApi({
      listEntityRunbooks: jest.fn(async () => ({
        items: [
          {
            source: 'stored' as const,
            id: 'rb-1',
            title: 'Payments API 5xx',
            version: 2,
          },
        ],
      })),
    });
    const authorize = jest.fn(
      (_request: unknown): AuthorizeResult.DENY => AuthorizeResult.DENY,
    );
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, authorize)}>
        <EntityProvider entity={entity}>
          <EntityRunbooksCard />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes },
    );
    const button = await screen.findByRole('button', { name: 'New runbook' });
    await waitFor(() => expect(button).toBeDisabled());
    expect(await screen.findByText(CREATE_DENIED_REASON)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Edit Payments API 5xx' }),
    ).toBeDisabled();
    expect(authorize).toHaveBeenCalledWith(
      expect.objectContaining({
        permission: firebreakRunbookCreatePermission,
        resourceRef: 'owner:group:default/payments',
      }),
    );
  });
});
