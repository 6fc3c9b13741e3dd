import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { testSchedule } from '../../__testUtils__/onCallFixtures';
import { OnCallOverviewPage } from './OnCallOverviewPage';

jest.setTimeout(30_000);

// Its own file: permission answers are cached for the life of the module.
describe('OnCallOverviewPage without permission to create', () => {
  it('lists schedules without offering to create any', async () => {
    const api = mockFirebreakApi({
      listSchedules: jest.fn(async () => ({ items: [testSchedule] })),
    });
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, AuthorizeResult.DENY)}>
        <OnCallOverviewPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByRole('link', { name: 'Payments primary' }),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: 'New schedule' }),
      ).not.toBeInTheDocument(),
    );
    expect(
      screen.queryByRole('button', { name: 'New escalation policy' }),
    ).not.toBeInTheDocument();
  });
});
