import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FirebreakApi } from '../../api';
import { mockFirebreakApi } from '../../__testUtils__/mockFirebreakApi';
import {
  fixClockAndZoneForEachTest,
  otherSchedule,
  responseError,
  testPolicy,
  testSchedule,
} from '../../__testUtils__/onCallFixtures';
import { renderEditorPage } from '../../__testUtils__/renderEditorPage';
import { EscalationPolicyEditorPage } from './EscalationPolicyEditor';

jest.setTimeout(60_000);

function renderEditor(api: FirebreakApi, path: string) {
  return renderEditorPage(api, path, {
    editor: <EscalationPolicyEditorPage />,
    base: '/firebreak/oncall/policies',
    savedText: 'Policy page',
  });
}

function policyApi(overrides: Partial<FirebreakApi> = {}) {
  return mockFirebreakApi({
    getEscalationPolicy: jest.fn(async () => testPolicy),
    listSchedules: jest.fn(async () => ({
      items: [testSchedule, otherSchedule],
    })),
    updateEscalationPolicy: jest.fn(async () => ({
      ...testPolicy,
      version: 8,
    })),
    ...overrides,
  });
}

describe('EscalationPolicyEditorPage', () => {
  fixClockAndZoneForEachTest('Europe/Berlin');

  it('shows whom each level pages now, refuses a bad timeout at its field, and saves at the version', async () => {
    const api = policyApi();
    await renderEditor(api, '/firebreak/oncall/policies/policy-1/edit');
    const level1 = await screen.findByRole('group', { name: 'Level 1' });
    await waitFor(() =>
      expect(level1).toHaveTextContent(
        'Payments primary: Alice Nguyen until Wed, Jan 14, 05:00 PM',
      ),
    );
    const save = screen.getByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeEnabled());

    const timeout = within(level1).getByLabelText(
      'Acknowledgement timeout (minutes)',
    );
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '0');
    expect(timeout).toHaveAccessibleDescription(
      'must be a whole number of minutes from 1 to 1440',
    );
    expect(save).toBeDisabled();
    await userEvent.clear(timeout);
    await userEvent.type(timeout, '5');
    await waitFor(() => expect(save).toBeEnabled());

    // Level 2 pages the checkout schedule instead of Bob himself.
    const level2 = screen.getByRole('group', { name: 'Level 2' });
    await userEvent.click(within(level2).getByTitle('Remove Bob Okafor'));
    expect(
      within(level2).getByText(/must name at least one schedule or user/),
    ).toBeInTheDocument();
    expect(save).toBeDisabled();
    await userEvent.click(
      within(level2).getByLabelText('Add a schedule to Level 2'),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Checkout on-call' }),
    );
    await waitFor(() =>
      expect(level2).toHaveTextContent('Checkout on-call: Bob Okafor until'),
    );
    await waitFor(() => expect(save).toBeEnabled());
    await userEvent.click(save);

    await waitFor(() =>
      expect(api.updateEscalationPolicy).toHaveBeenCalledWith('policy-1', {
        version: 7,
        name: 'Payments default',
        ownerRef: 'group:default/payments-team',
        levels: [
          {
            targets: [{ type: 'schedule', ref: 'sched-1' }],
            ackTimeoutMinutes: 5,
          },
          {
            targets: [{ type: 'schedule', ref: 'sched-2' }],
            ackTimeoutMinutes: 15,
          },
        ],
        repeat: 1,
        isDefault: true,
      }),
    );
    expect(await screen.findByText('Policy page policy-1')).toBeInTheDocument();
  });

  it('says so and reloads when someone else changed the policy first', async () => {
    const api = policyApi({
      getEscalationPolicy: jest
        .fn()
        .mockResolvedValueOnce(testPolicy)
        .mockResolvedValue({ ...testPolicy, repeat: 3, version: 8 }),
      updateEscalationPolicy: jest.fn(async () => {
        throw await responseError(
          409,
          'Escalation policy policy-1 is at version 8, not 7: reload and try again',
        );
      }),
    });
    await renderEditor(api, '/firebreak/oncall/policies/policy-1/edit');
    const repeat = await screen.findByLabelText(
      'Repeat when nobody acknowledges',
    );
    await userEvent.clear(repeat);
    await userEvent.type(repeat, '0');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText(
        /Someone else changed this escalation policy while you were editing it — reloaded/,
      ),
    ).toBeInTheDocument();
    await waitFor(() =>
      expect(
        screen.getByLabelText('Repeat when nobody acknowledges'),
      ).toHaveValue(3),
    );
  });

  it('creates a policy for the team, starting from its schedules, and shows a taken name at the name', async () => {
    const api = policyApi({
      createEscalationPolicy: jest.fn(async () => {
        throw await responseError(
          409,
          'name: an escalation policy named "Payments default" exists already',
        );
      }),
    });
    await renderEditor(
      api,
      '/firebreak/oncall/policies/new?owner=group:default/payments-team',
    );
    const level1 = await screen.findByRole('group', { name: 'Level 1' });
    expect(
      within(level1).getByText('Payments primary (schedule)'),
    ).toBeInTheDocument();
    const create = screen.getByRole('button', { name: 'Create policy' });
    expect(create).toBeDisabled();
    await userEvent.click(screen.getByLabelText('Name'));
    await userEvent.paste('Payments default');
    await userEvent.click(screen.getByLabelText(/^Default policy for/));
    await waitFor(() => expect(create).toBeEnabled());
    await userEvent.click(create);

    await waitFor(() =>
      expect(api.createEscalationPolicy).toHaveBeenCalledWith({
        name: 'Payments default',
        ownerRef: 'group:default/payments-team',
        levels: [
          {
            targets: [{ type: 'schedule', ref: 'sched-1' }],
            ackTimeoutMinutes: 15,
          },
        ],
        repeat: 1,
        isDefault: true,
      }),
    );
    await waitFor(() =>
      expect(screen.getByLabelText('Name')).toHaveAccessibleDescription(
        'an escalation policy named "Payments default" exists already',
      ),
    );
    expect(create).toBeDisabled();
    expect(screen.queryByText(/Someone else changed/)).not.toBeInTheDocument();
  });
});
