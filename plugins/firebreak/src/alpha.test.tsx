import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import { catalogApiRef, entityRouteRef } from '@backstage/plugin-catalog-react';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import firebreakPlugin from './alpha';
import { firebreakApiRef } from './api';
import {
  mockFirebreakApi,
  testCatalogApi,
} from './__testUtils__/mockFirebreakApi';
import { testSchedule } from './__testUtils__/onCallFixtures';

// Rendering a whole app on a busy 2-core machine.
jest.setTimeout(60_000);

describe('firebreak plugin for the new frontend system', () => {
  it.each([
    ['api:firebreak', 'api', 'root'],
    ['page:firebreak', 'page', 'app/routes'],
    [
      'entity-content:firebreak/incidents',
      'entity-content',
      'page:catalog/entity',
    ],
    [
      'entity-card:firebreak/active-incidents',
      'entity-card',
      'entity-content:catalog/overview',
    ],
    [
      'entity-card:firebreak/oncall',
      'entity-card',
      'entity-content:catalog/overview',
    ],
    [
      'entity-card:firebreak/user-oncall',
      'entity-card',
      'entity-content:catalog/overview',
    ],
    ['home-page-widget:firebreak/my-oncall', 'home-page-widget', 'page:home'],
  ])('provides %s', (id, kind, parent) => {
    expect(firebreakPlugin.id).toBe('firebreak');
    const extension = firebreakPlugin.getExtension(id as any);
    expect(extension).toMatchObject({
      kind,
      namespace: 'firebreak',
      disabled: false,
      attachTo: { id: parent },
    });
  });
});

describe('the on-call pages in the new frontend system', () => {
  it('serves the on-call overview and a schedule under the /firebreak page, linked through the route refs', async () => {
    const api = mockFirebreakApi({
      listSchedules: jest.fn(async () => ({ items: [testSchedule] })),
      getSchedule: jest.fn(async () => testSchedule),
    });
    const apis = [
      [firebreakApiRef, api],
      [catalogApiRef, testCatalogApi()],
      [permissionApiRef, mockApis.permission()],
    ] as const;
    renderTestApp({
      features: [firebreakPlugin],
      initialRouteEntries: ['/firebreak/oncall'],
      // Team names link to their catalog pages.
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
      },
      apis,
    });
    // The whole app boots and loads the page lazily: give it time on a busy machine.
    const link = await screen.findByRole(
      'link',
      { name: 'Payments primary' },
      { timeout: 15_000 },
    );
    expect(link).toHaveAttribute('href', '/firebreak/oncall/schedules/sched-1');
    expect(screen.getByRole('tab', { name: 'Incidents' })).toHaveAttribute(
      'href',
      '/firebreak',
    );

    await userEvent.click(link);
    expect(
      await screen.findByRole(
        'heading',
        { name: 'Payments primary' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole(
        'list',
        { name: 'Layer 1: Weekly rotation' },
        { timeout: 15_000 },
      ),
    ).toBeInTheDocument();
    expect(api.getSchedule).toHaveBeenCalledWith('sched-1');
  });
});
