import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { responseError } from '../../__testUtils__/onCallFixtures';
import { ActionItemsTable } from './ActionItemsTable';
import { actionItem } from './testItems';

jest.setTimeout(30_000);

const url = 'https://github.com/acme/payments/issues/12';

async function render(
  items: ReturnType<typeof actionItem>[],
  api = mockFirebreakApi(),
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const onChanged = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={testApis(api, permission)}>
      <ActionItemsTable items={items} onChanged={onChanged} />
    </TestApiProvider>,
    { mountedRoutes },
  );
  return { api, onChanged };
}

const createButton = (title: string) =>
  screen.findByRole('button', { name: `Create ticket for ${title}` });

describe('the ticket of an action item', () => {
  it('creates the ticket with the version shown and links it at once', async () => {
    // Ids of their own: usePermission caches answers by resource.
    const item = actionItem({ id: 'ai-ticket-1' });
    const api = mockFirebreakApi({
      createActionItemTicket: jest.fn(async () => ({
        ...item,
        ticketUrl: url,
        ticket: { exporterId: 'github', externalId: 'acme/payments#12', url },
        version: 5,
      })),
    });
    const { onChanged } = await render([item], api);
    await userEvent.click(await createButton(item.title));
    const link = await screen.findByRole('link', {
      name: /^Ticket acme\/payments#12/,
    });
    expect(link).toHaveAttribute('href', url);
    expect(api.createActionItemTicket).toHaveBeenCalledWith('ai-ticket-1', 4);
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(
      screen.queryByRole('button', { name: /Create ticket/ }),
    ).not.toBeInTheDocument();
  });

  it("shows the backend's reason when the ticket cannot be created", async () => {
    const item = actionItem({ id: 'ai-ticket-2' });
    const api = mockFirebreakApi({
      createActionItemTicket: jest.fn(async () => {
        throw await responseError(
          422,
          "entityRef: component:default/payments-api has no tracker a ticket exporter supports: github needs a 'github.com/project-slug' annotation naming its repository (owner/repo)",
        );
      }),
    });
    const { onChanged } = await render([item], api);
    await userEvent.click(await createButton(item.title));
    expect(
      await screen.findByText(
        /Could not create a ticket for “Alert on payment error rate”: entityRef: component:default\/payments-api has no tracker .*github.com\/project-slug/,
      ),
    ).toBeInTheDocument();
    expect(onChanged).not.toHaveBeenCalled();
    // The button is back for another try.
    expect(await createButton(item.title)).toBeEnabled();
  });

  it('reloads on a conflict and says why', async () => {
    const item = actionItem({ id: 'ai-ticket-3' });
    const api = mockFirebreakApi({
      createActionItemTicket: jest.fn(async () => {
        throw await responseError(
          409,
          `Action item ai-ticket-3 already has a ticket: ${url}`,
        );
      }),
    });
    const { onChanged } = await render([item], api);
    await userEvent.click(await createButton(item.title));
    expect(
      await screen.findByText(
        /No ticket was created for “Alert on payment error rate”: Action item ai-ticket-3 already has a ticket/,
      ),
    ).toBeInTheDocument();
    await waitFor(() => expect(onChanged).toHaveBeenCalledTimes(1));
  });

  it('offers no ticket to who may not change the item, nor for finished items', async () => {
    await render(
      [actionItem({ id: 'ai-ticket-4', title: 'Denied item' })],
      mockFirebreakApi(),
      AuthorizeResult.DENY,
    );
    await screen.findAllByText(
      'Read-only: its owners and responders may change it',
    );
    expect(
      screen.queryByRole('button', { name: /Create ticket/ }),
    ).not.toBeInTheDocument();
  });

  it('offers a ticket only for open and in-progress items', async () => {
    await render([
      actionItem({ id: 'ai-ticket-5', title: 'Finished', status: 'done' }),
      actionItem({
        id: 'ai-ticket-6',
        title: 'Started',
        status: 'in_progress',
      }),
    ]);
    expect(await createButton('Started')).toBeInTheDocument();
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      within(rows[0]).queryByRole('button', { name: /Create ticket/ }),
    ).not.toBeInTheDocument();
  });
});
