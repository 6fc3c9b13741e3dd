import { Entity } from '@backstage/catalog-model';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { FirebreakApi, firebreakApiRef } from '../../api';
import { EntityIncidentsContent } from './EntityIncidentsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api', title: 'Payments API' },
  spec: { type: 'service', owner: 'group:default/payments' },
};

describe('EntityIncidentsContent', () => {
  it("asks for the entity's incidents and titles them with its name", async () => {
    const api: FirebreakApi = {
      listIncidents: jest.fn(async () => ({
        items: [
          {
            id: 'a',
            ref: 'INC-7',
            title: 'Card payments declined',
            severity: 'SEV1',
            priority: 'P1',
            status: 'resolved' as const,
            entityRefs: ['component:default/payments-api'],
            declaredAt: '2026-11-20T10:00:00.000Z',
          },
        ],
      })),
    };

    await renderInTestApp(
      <TestApiProvider apis={[[firebreakApiRef, api]]}>
        <EntityProvider entity={entity}>
          <EntityIncidentsContent />
        </EntityProvider>
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );

    expect(
      await screen.findByText('Card payments declined'),
    ).toBeInTheDocument();
    expect(screen.getByText('Incidents of Payments API')).toBeInTheDocument();
    expect(api.listIncidents).toHaveBeenCalledWith(
      expect.objectContaining({ entityRef: 'component:default/payments-api' }),
    );
  });
});
