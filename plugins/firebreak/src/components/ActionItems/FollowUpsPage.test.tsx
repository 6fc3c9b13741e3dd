import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { FollowUpsPage } from './FollowUpsPage';
import { actionItem } from './testItems';

jest.setTimeout(30_000);

describe('FollowUpsPage', () => {
  it('sends the filters chosen as the query, and shows what comes back', async () => {
    const api = mockFirebreakApi({
      listActionItems: jest.fn(async () => ({ items: [actionItem()] })),
    });
    await renderInTestApp(
      <TestApiProvider apis={testApis(api)}>
        <FollowUpsPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('Alert on payment error rate'),
    ).toBeInTheDocument();
    // Pending items by default.
    expect(api.listActionItems).toHaveBeenLastCalledWith({
      status: ['open', 'in_progress'],
      limit: 100,
    });

    await userEvent.click(screen.getByLabelText('Overdue only'));
    await waitFor(() =>
      expect(api.listActionItems).toHaveBeenLastCalledWith({
        status: ['open', 'in_progress'],
        overdue: true,
        limit: 100,
      }),
    );

    await userEvent.click(screen.getByLabelText('Statuses shown'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Any status' }),
    );
    const owner = screen.getByLabelText(/Owner/);
    await userEvent.click(owner);
    await userEvent.paste('Bob');
    await userEvent.click(
      await screen.findByRole('option', { name: /Bob Okafor/ }),
    );
    const entity = screen.getByLabelText(/Entity/);
    await userEvent.click(entity);
    await userEvent.paste('Payments API');
    await userEvent.click(
      await screen.findByRole('option', { name: /Payments API/ }),
    );
    await waitFor(() =>
      expect(api.listActionItems).toHaveBeenLastCalledWith({
        ownerRef: 'user:default/bob',
        entityRef: 'component:default/payments-api',
        overdue: true,
        limit: 100,
      }),
    );

    await userEvent.click(screen.getByRole('button', { name: 'Clear owner' }));
    await waitFor(() =>
      expect(api.listActionItems).toHaveBeenLastCalledWith({
        entityRef: 'component:default/payments-api',
        overdue: true,
        limit: 100,
      }),
    );
  });
});
