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

const late = actionItem({
  id: 'ai-late',
  title: 'Add a runbook for card retries',
  overdue: true,
  dueAt: '2026-11-01T12:00:00.000Z',
  ticketUrl: 'https://tracker.example.com/issues/7',
  type: 'process',
  description:
    'Write the **retry** steps. <img src=x onerror="window.__xss=1"> [run](javascript:window.__xss=2)',
});
const onTime = actionItem({
  id: 'ai-on-time',
  title: 'Alert on payment error rate',
  // What the table must not turn into a link.
  // eslint-disable-next-line no-script-url
  ticketUrl: 'javascript:alert(1)',
});

async function render(
  api = mockFirebreakApi(),
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  items = [late, onTime],
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

async function chooseStatus(title: string, label: RegExp) {
  await userEvent.click(
    screen.getByLabelText(new RegExp(`^Status of ${title}: `)),
  );
  await userEvent.click(await screen.findByRole('option', { name: label }));
}

describe('ActionItemsTable', () => {
  it('lists items in the order the API gives, overdue marked, with owner names and safe links only', async () => {
    await render();
    const rows = screen.getAllByRole('row').slice(1);
    expect(
      rows.map(row => within(row).getAllByRole('cell')[0].textContent),
    ).toEqual([
      'Add a runbook for card retriesP1 · Process · INC-42 · Details',
      'Alert on payment error rateP1 · Detect · INC-42',
    ]);
    expect(within(rows[0]).getByText('overdue')).toBeInTheDocument();
    expect(within(rows[1]).queryByText('overdue')).not.toBeInTheDocument();
    expect(await within(rows[0]).findByText('Bob Okafor')).toBeInTheDocument();
    expect(
      within(rows[0]).getByRole('link', { name: 'INC-42' }),
    ).toHaveAttribute('href', '/firebreak/incidents/INC-42');
    expect(
      within(rows[0]).getByRole('link', { name: /Ticket/ }),
    ).toHaveAttribute('href', 'https://tracker.example.com/issues/7');
    // A javascript: ticket URL is not a link.
    expect(within(rows[1]).queryByRole('link', { name: /Ticket/ })).toBeNull();
  });

  it('shows the Markdown description on demand, sanitised', async () => {
    await render();
    const row = screen.getAllByRole('row')[1];
    expect(within(row).queryByText('retry')).toBeNull();
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Show details of Add a runbook for card retries',
      }),
    );
    // Markdown becomes markup; the sanitiser strips handlers and script links.
    expect(within(row).getByText('retry').tagName).toBe('STRONG');
    expect(row.innerHTML).not.toMatch(/onerror|javascript:/i);
    expect((window as any).__xss).toBeUndefined();
    await userEvent.click(
      within(row).getByRole('button', {
        name: 'Hide details of Add a runbook for card retries',
      }),
    );
    expect(within(row).queryByText('retry')).toBeNull();
  });

  it('changes the status in place with the version shown', async () => {
    const api = mockFirebreakApi({
      updateActionItem: jest.fn(async (_id, request) => ({
        ...onTime,
        ...request,
        version: 5,
      })) as any,
    });
    const { onChanged } = await render(api);
    await chooseStatus(onTime.title, /In progress/);
    await waitFor(() => expect(onChanged).toHaveBeenCalled());
    expect(api.updateActionItem).toHaveBeenCalledWith('ai-on-time', {
      version: 4,
      status: 'in_progress',
    });
  });

  it('asks for a reason before "won’t do", and sends it', async () => {
    const api = mockFirebreakApi({
      updateActionItem: jest.fn(async () => onTime),
    });
    await render(api);
    await chooseStatus(onTime.title, /Won’t do/);
    const dialog = await screen.findByRole('dialog');
    const confirm = within(dialog).getByRole('button', { name: 'Won’t do' });
    expect(confirm).toBeDisabled();
    expect(
      within(dialog).getByText(
        'A reason is required to close an item as won’t do',
      ),
    ).toBeInTheDocument();
    expect(api.updateActionItem).not.toHaveBeenCalled();

    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'The alert already exists',
    );
    await userEvent.click(confirm);
    await waitFor(() =>
      expect(api.updateActionItem).toHaveBeenCalledWith('ai-on-time', {
        version: 4,
        status: 'wont_do',
        wontDoReason: 'The alert already exists',
      }),
    );
  });

  it('asks before "done"', async () => {
    const api = mockFirebreakApi({
      updateActionItem: jest.fn(async () => onTime),
    });
    await render(api);
    await chooseStatus(onTime.title, /^Done$/);
    const dialog = await screen.findByRole('dialog');
    expect(api.updateActionItem).not.toHaveBeenCalled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Mark done' }),
    );
    await waitFor(() =>
      expect(api.updateActionItem).toHaveBeenCalledWith('ai-on-time', {
        version: 4,
        status: 'done',
      }),
    );
  });

  it('on a stale version, reloads and says so instead of overwriting', async () => {
    const api = mockFirebreakApi({
      updateActionItem: jest.fn(async () => {
        throw await responseError(
          409,
          'Action item ai-on-time is at version 5',
        );
      }),
    });
    const { onChanged } = await render(api);
    await chooseStatus(onTime.title, /In progress/);
    expect(
      await screen.findByText(
        /Someone else changed “Alert on payment error rate” first/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/The list has been reloaded/)).toBeInTheDocument();
    expect(onChanged).toHaveBeenCalledTimes(1);
    expect(api.updateActionItem).toHaveBeenCalledTimes(1);
  });

  it('disables the status for who may not change items, and says why', async () => {
    // Other ids than the other tests': usePermission caches answers by resource.
    await render(mockFirebreakApi(), AuthorizeResult.DENY, [
      { ...late, id: 'ai-denied-1' },
      { ...onTime, id: 'ai-denied-2' },
    ]);
    expect(
      await screen.findAllByText(
        'Read-only: its owners and responders may change it',
      ),
    ).toHaveLength(2);
    expect(
      screen.getByLabelText(`Status of ${onTime.title}: Open`),
    ).toHaveAttribute('aria-disabled', 'true');
  });

  it('links an item that updates a runbook to that runbook', async () => {
    const api = mockFirebreakApi({
      getRunbook: jest.fn(async () => ({
        id: 'rb-1',
        title: 'Payments API 5xx',
        body: 'Start with the **dashboard**.',
        steps: [{ id: 's1', title: 'Check the error dashboard' }],
        ownerRef: 'group:default/payments-team',
        entityRefs: ['component:default/payments-api'],
        severities: [],
        version: 4,
        latestVersion: 4,
        createdAt: '2026-11-20T10:00:00.000Z',
        createdBy: 'user:default/bob',
      })),
    });
    const withRunbook = actionItem({
      id: 'ai-runbook',
      title: 'Update runbook: Payments API 5xx',
      type: 'process',
      runbookId: 'rb-1',
    });
    await render(api, AuthorizeResult.ALLOW, [withRunbook, onTime]);
    // Only the item with a runbook has the link.
    expect(
      screen.getAllByRole('button', { name: /^The runbook of/ }),
    ).toHaveLength(1);

    await userEvent.click(
      screen.getByRole('button', {
        name: 'The runbook of Update runbook: Payments API 5xx',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Runbook: Payments API 5xx',
    });
    expect(api.getRunbook).toHaveBeenCalledWith('rb-1');
    expect(within(dialog).getByText('dashboard')).toBeInTheDocument();
    expect(
      within(dialog).getByText(/Version 4 · owned by payments-team/),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByRole('list', { name: 'Checklist' }),
    ).toHaveTextContent('Check the error dashboard');
  });
});
