import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { IncidentRunbooks } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { actionItem } from '../ActionItems/testItems';
import {
  IncidentRunbooksCard,
  TICK_DENIED_REASON,
} from './IncidentRunbooksCard';

jest.setTimeout(30_000);

const runbooks: IncidentRunbooks = {
  incidentId: testIncident.id,
  severity: 'SEV2',
  items: [
    {
      source: 'annotation',
      title: 'Payments wiki runbook',
      url: 'https://wiki.example.com/payments',
      entityRefs: ['component:default/payments-api'],
    },
    {
      source: 'stored',
      id: 'rb-1',
      version: 4,
      title: 'Payments API 5xx',
      ownerRef: 'group:default/payments-team',
      entityRefs: ['component:default/payments-api'],
      body: 'Start with the **dashboard**.\n\n<img src=x onerror="window.pwned=1">\n\n[click me](javascript:alert(1))',
      steps: [
        { id: 's1', title: 'Check the error dashboard', done: false },
        {
          id: 's2',
          title: 'Roll back the last deploy',
          done: true,
          lastTick: {
            done: true,
            actorRef: 'user:default/bob',
            at: '2026-11-20T10:05:00.000Z',
            version: 4,
          },
        },
      ],
    },
  ],
};

async function renderCard(
  permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  answer: IncidentRunbooks = runbooks,
) {
  const api = mockFirebreakApi({
    getIncidentRunbooks: jest.fn(async () => answer),
    tickRunbookStep: jest.fn(async () => ({} as any)),
    createActionItem: jest.fn(async request =>
      actionItem({ title: request.title }),
    ),
  });
  await renderInTestApp(
    <TestApiProvider apis={testApis(api, permission)}>
      <IncidentRunbooksCard
        incident={testIncident}
        canUpdate={permission === AuthorizeResult.ALLOW}
      />
    </TestApiProvider>,
    { mountedRoutes },
  );
  return api;
}

describe('IncidentRunbooksCard', () => {
  it('shows links opening in a new tab, and ticking a step calls the API with the runbook version', async () => {
    const api = await renderCard(AuthorizeResult.ALLOW);
    const link = await screen.findByRole('link', {
      name: /Payments wiki runbook/,
    });
    expect(link).toHaveAttribute('href', 'https://wiki.example.com/payments');
    expect(link).toHaveAttribute('target', '_blank');
    expect(link).toHaveAttribute('rel', expect.stringContaining('noopener'));

    await userEvent.click(screen.getByText('Payments API 5xx'));
    expect(
      await screen.findByText('1/2 steps · v4', { exact: false }),
    ).toBeInTheDocument();
    expect(screen.getByText(/Ticked by bob/)).toBeInTheDocument();
    const first = screen.getByRole('checkbox', {
      name: 'Check the error dashboard',
    });
    expect(first).toBeEnabled();
    const callsBefore = api.getIncidentRunbooks.mock.calls.length;
    await userEvent.click(first);
    expect(api.tickRunbookStep).toHaveBeenCalledWith(testIncident.id, {
      runbookId: 'rb-1',
      version: 4,
      stepId: 's1',
      done: true,
    });
    // The list is read again to show who ticked.
    await waitFor(() =>
      expect(api.getIncidentRunbooks.mock.calls.length).toBeGreaterThan(
        callsBefore,
      ),
    );
  });

  it('renders Markdown inert: no onerror attribute, no javascript: link', async () => {
    await renderCard(AuthorizeResult.ALLOW);
    await userEvent.click(await screen.findByText('Payments API 5xx'));
    expect(await screen.findByText('dashboard')).toBeInTheDocument();
    expect(document.querySelector('[onerror]')).toBeNull();
    expect(document.querySelector('a[href^="javascript" i]')).toBeNull();
    expect(screen.getByText('click me').closest('a[href]')).toBeNull();
    expect((window as any).pwned).toBeUndefined();
  });

  // Before any test that denies: permission answers are cached for the life of the module.
  it('"Update this runbook" on a stored runbook adds a process item for its team, linked to it', async () => {
    const api = await renderCard(AuthorizeResult.ALLOW);
    await userEvent.click(await screen.findByText('Payments API 5xx'));
    const update = await screen.findByRole('button', {
      name: 'Update this runbook: Payments API 5xx',
    });
    await waitFor(() => expect(update).toBeEnabled());
    await userEvent.click(update);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/Title/)).toHaveValue(
      'Update runbook: Payments API 5xx',
    );
    expect(within(dialog).getByLabelText(/Kind/)).toHaveTextContent(/^Process/);
    await waitFor(() =>
      expect(within(dialog).getByLabelText(/Owning team/)).toHaveValue(
        'Payments team',
      ),
    );
    const add = within(dialog).getByRole('button', { name: 'Add action item' });
    await waitFor(() => expect(add).toBeEnabled());
    await userEvent.click(add);

    expect(api.createActionItem).toHaveBeenCalledWith({
      title: 'Update runbook: Payments API 5xx',
      type: 'process',
      ownerRef: 'user:default/alice',
      ownerGroupRef: 'group:default/payments-team',
      priority: 'P1',
      incidentRef: testIncident.ref,
      entityRef: 'component:default/payments-api',
      runbookId: 'rb-1',
    });
    expect(
      await screen.findByText(
        'Added “Update runbook: Payments API 5xx” to the follow-ups.',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('"Update this runbook" on a linked runbook names its URL in the description instead', async () => {
    const api = await renderCard(AuthorizeResult.ALLOW);
    const update = await screen.findByRole('button', {
      name: 'Update this runbook: Payments wiki runbook',
    });
    await waitFor(() => expect(update).toBeEnabled());
    await userEvent.click(update);
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText(/Description/)).toHaveValue(
      'The runbook to update: https://wiki.example.com/payments',
    );
    const add = within(dialog).getByRole('button', { name: 'Add action item' });
    await waitFor(() => expect(add).toBeEnabled());
    await userEvent.click(add);
    expect(api.createActionItem).toHaveBeenCalledWith({
      title: 'Update runbook: Payments wiki runbook',
      type: 'process',
      description: 'The runbook to update: https://wiki.example.com/payments',
      ownerRef: 'user:default/alice',
      priority: 'P1',
      incidentRef: testIncident.ref,
      entityRef: 'component:default/payments-api',
    });
  });

  it('disables the checklist with the reason when the user may not update the incident', async () => {
    const api = await renderCard(AuthorizeResult.DENY);
    await userEvent.click(await screen.findByText('Payments API 5xx'));
    const box = await screen.findByRole('checkbox', {
      name: 'Check the error dashboard',
    });
    expect(box).toBeDisabled();
    expect(screen.getByText(TICK_DENIED_REASON)).toBeInTheDocument();
    expect(api.tickRunbookStep).not.toHaveBeenCalled();
  });

  it('says what to do when the entities have no runbooks', async () => {
    await renderCard(AuthorizeResult.ALLOW, {
      incidentId: testIncident.id,
      severity: 'SEV2',
      items: [],
    });
    expect(
      await screen.findByText('No runbooks for payments-api at SEV2'),
    ).toBeInTheDocument();
    expect(screen.getByText('firebreak.dev/runbooks')).toBeInTheDocument();
  });
});
