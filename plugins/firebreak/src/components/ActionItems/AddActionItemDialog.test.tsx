import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { responseError } from '../../__testUtils__/onCallFixtures';
import { ActionItemPrefill, AddActionItemDialog } from './AddActionItemDialog';
import { actionItem } from './testItems';

jest.setTimeout(30_000);

async function render(api = mockFirebreakApi(), prefill?: ActionItemPrefill) {
  const onCreated = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <AddActionItemDialog
        open
        incidentRef="INC-42"
        prefill={prefill}
        onClose={jest.fn()}
        onCreated={onCreated}
      />
    </TestApiProvider>,
    { mountedRoutes },
  );
  return { api, onCreated };
}

describe('AddActionItemDialog', () => {
  it('creates an item owned by the person picked', async () => {
    const created = actionItem();
    const api = mockFirebreakApi({
      createActionItem: jest.fn(async () => created),
    });
    const { onCreated } = await render(api);
    const dialog = screen.getByRole('dialog');
    const add = within(dialog).getByRole('button', { name: 'Add action item' });
    expect(add).toBeDisabled();

    await userEvent.type(
      within(dialog).getByLabelText(/Title/),
      'Alert on errors',
    );
    const owner = within(dialog).getByLabelText(/Owner/);
    await waitFor(() => expect(owner).toHaveValue('Alice Nguyen (you)'));
    await userEvent.click(owner);
    await userEvent.clear(owner);
    await userEvent.paste('Bob');
    await userEvent.click(
      await screen.findByRole('option', { name: /Bob Okafor/ }),
    );
    await userEvent.click(within(dialog).getByLabelText(/Kind/));
    await userEvent.click(
      await screen.findByRole('option', { name: /^Detect/ }),
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Description/),
      'Page on **5xx** above 2%',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Ticket URL/),
      'https://tracker.example.com/issues/9',
    );
    await userEvent.click(add);

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.createActionItem).toHaveBeenCalledWith({
      title: 'Alert on errors',
      type: 'detect',
      description: 'Page on **5xx** above 2%',
      ownerRef: 'user:default/bob',
      priority: 'P1',
      incidentRef: 'INC-42',
      ticketUrl: 'https://tracker.example.com/issues/9',
    });
  });

  it('shows a 400 at the field it names, and keeps what was typed', async () => {
    const api = mockFirebreakApi({
      createActionItem: jest.fn(async () => {
        throw await responseError(
          400,
          'ticketUrl: must be an http or https URL',
        );
      }),
    });
    const { onCreated } = await render(api);
    const dialog = screen.getByRole('dialog');
    await userEvent.type(
      within(dialog).getByLabelText(/Title/),
      'Alert on errors',
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Ticket URL/),
      'ftp://tracker.example.com/9',
    );
    await waitFor(() =>
      expect(
        within(dialog).getByRole('button', { name: 'Add action item' }),
      ).toBeEnabled(),
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add action item' }),
    );

    const ticket = within(dialog).getByLabelText(/Ticket URL/);
    await waitFor(() => expect(ticket).toHaveAttribute('aria-invalid', 'true'));
    expect(
      within(dialog).getByText('must be an http or https URL'),
    ).toBeInTheDocument();
    expect(ticket).toHaveValue('ftp://tracker.example.com/9');
    expect(within(dialog).getByLabelText(/Title/)).toHaveValue(
      'Alert on errors',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('starts from what it is given, and sends the type, description, team and runbook', async () => {
    const created = actionItem();
    const api = mockFirebreakApi({
      createActionItem: jest.fn(async () => created),
    });
    const { onCreated } = await render(api, {
      title: 'Update runbook: Payments API 5xx',
      type: 'process',
      ownerGroupRef: 'group:default/payments-team',
      runbook: { id: 'rb-1', title: 'Payments API 5xx' },
    });
    const dialog = screen.getByRole('dialog');
    expect(within(dialog).getByLabelText(/Title/)).toHaveValue(
      'Update runbook: Payments API 5xx',
    );
    expect(
      within(dialog).getByText('Linked to the runbook “Payments API 5xx”.'),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/Kind/)).toHaveTextContent(/^Process/);
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/Owning team/)).toHaveValue(
        'Payments team',
      ),
    );
    await userEvent.type(
      within(dialog).getByLabelText(/Description/),
      'Step 3 is out of date.',
    );
    const owner = within(dialog).getByLabelText(/Owner$/);
    await waitFor(() => expect(owner).toHaveValue('Alice Nguyen (you)'));
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Add action item' }),
    );

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(created));
    expect(api.createActionItem).toHaveBeenCalledWith({
      title: 'Update runbook: Payments API 5xx',
      type: 'process',
      description: 'Step 3 is out of date.',
      ownerRef: 'user:default/alice',
      ownerGroupRef: 'group:default/payments-team',
      priority: 'P1',
      incidentRef: 'INC-42',
      runbookId: 'rb-1',
    });
  });
});
