import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FirebreakApi } from '../../api';
import { mockFirebreakApi } from '../../__testUtils__/mockFirebreakApi';
import {
  fixClockAndZoneForEachTest,
  responseError,
  testSchedule,
} from '../../__testUtils__/onCallFixtures';
import { renderEditorPage } from '../../__testUtils__/renderEditorPage';
import { ScheduleEditorPage } from './ScheduleEditor';

// Autocompletes and the preview on a busy 2-core machine.
jest.setTimeout(60_000);

function renderEditor(api: FirebreakApi, path: string) {
  return renderEditorPage(api, path, {
    editor: <ScheduleEditorPage />,
    base: '/firebreak/oncall/schedules',
    savedText: 'Schedule page',
  });
}

function namesIn(rowName: string): string[] {
  return within(screen.getByRole('list', { name: rowName }))
    .queryAllByRole('listitem')
    .map(bar => bar.textContent ?? '');
}

async function addPerson(layer: string, text: string, option: RegExp) {
  const input = screen.getByLabelText(`Add a person to ${layer}`);
  await userEvent.click(input);
  await userEvent.paste(text);
  await userEvent.click(await screen.findByRole('option', { name: option }));
}

describe('ScheduleEditorPage', () => {
  fixClockAndZoneForEachTest('Europe/Berlin');

  it('previews the next two weeks as people are added, and creates the schedule', async () => {
    const api = mockFirebreakApi({
      createSchedule: jest.fn(async request => ({
        ...testSchedule,
        ...request,
        id: 'sched-new',
      })),
    });
    await renderEditor(
      api,
      '/firebreak/oncall/schedules/new?owner=group:default/payments-team',
    );
    expect(
      await screen.findByRole('heading', { name: 'New on-call schedule' }),
    ).toBeInTheDocument();
    // The viewer's zone, and this week's Monday 09:00 there.
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Berlin');
    expect(screen.getByLabelText('First handoff')).toHaveValue(
      '2026-01-12T09:00',
    );
    expect(
      within(
        screen.getByRole('list', { name: 'Layer 1: Weekly rotation' }),
      ).getByText('Add people to this layer'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Final' })).getByText(
        'Fix the problems below to see who is paged',
      ),
    ).toBeInTheDocument();

    await addPerson('Layer 1', 'Bob', /Bob Okafor/);
    await waitFor(() =>
      expect(namesIn('Layer 1: Weekly rotation')).toEqual([
        'Bob Okafor',
        'Bob Okafor',
        'Bob Okafor',
      ]),
    );
    expect(namesIn('Final')).toEqual(['Bob Okafor']);

    // Alice takes the second turn: the week from Monday 19 January.
    await addPerson('Layer 1', 'Ali', /Alice Nguyen/);
    await waitFor(() =>
      expect(namesIn('Layer 1: Weekly rotation')).toEqual([
        'Bob Okafor',
        'Alice Nguyen',
        'Bob Okafor',
      ]),
    );
    expect(namesIn('Final')).toEqual([
      'Bob Okafor',
      'Alice Nguyen',
      'Bob Okafor',
    ]);

    const create = screen.getByRole('button', { name: 'Create schedule' });
    expect(create).toBeDisabled();
    await userEvent.click(screen.getByLabelText('Name'));
    await userEvent.paste('Payments primary');
    await waitFor(() => expect(create).toBeEnabled());
    await userEvent.click(create);

    await waitFor(() =>
      expect(api.createSchedule).toHaveBeenCalledWith({
        name: 'Payments primary',
        ownerRef: 'group:default/payments-team',
        timeZone: 'Europe/Berlin',
        layers: [
          {
            name: 'Weekly rotation',
            participants: ['user:default/bob', 'user:default/alice'],
            rotation: { type: 'weekly', handoff: '2026-01-12T09:00' },
          },
        ],
      }),
    );
    expect(
      await screen.findByText('Schedule page sched-new'),
    ).toBeInTheDocument();
  });

  it('shows a problem next to the field it names and keeps Save off until it is fixed', async () => {
    const api = mockFirebreakApi({
      getSchedule: jest.fn(async () => testSchedule),
    });
    await renderEditor(api, '/firebreak/oncall/schedules/sched-1/edit');
    const save = await screen.findByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeEnabled());

    const layer2 = screen.getByRole('group', { name: 'Layer 2' });
    const shiftLength = within(layer2).getByLabelText('Shift length');
    await userEvent.click(shiftLength);
    await userEvent.click(
      await screen.findByRole('option', { name: 'Every N hours' }),
    );
    const hours = within(layer2).getByLabelText('Hours');
    await userEvent.clear(hours);

    expect(hours).toHaveAccessibleDescription(
      'must be a whole number of hours from 1 to 672',
    );
    expect(hours).toHaveAttribute('aria-invalid', 'true');
    expect(save).toBeDisabled();
    expect(
      within(
        screen.getByRole('status', { name: 'What keeps this from saving' }),
      ).getByText(
        'Layer 2, hours: must be a whole number of hours from 1 to 672',
      ),
    ).toBeInTheDocument();
    // The layer cannot be drawn, nor what pages; the other layer still is.
    expect(
      within(
        screen.getByRole('list', { name: 'Layer 2: Office hours' }),
      ).getByText('Fix this layer’s problems to see it'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('list', { name: 'Final' })).getByText(
        'Fix the problems below to see who is paged',
      ),
    ).toBeInTheDocument();
    expect(namesIn('Layer 1: Weekly rotation').length).toBeGreaterThan(0);

    await userEvent.type(hours, '8');
    await waitFor(() => expect(save).toBeEnabled());
    expect(hours).not.toHaveAttribute('aria-invalid', 'true');
  });

  it('saves against the version it was loaded at, in the order people were put', async () => {
    const api = mockFirebreakApi({
      getSchedule: jest.fn(async () => testSchedule),
      updateSchedule: jest.fn(async () => ({ ...testSchedule, version: 5 })),
    });
    await renderEditor(api, '/firebreak/oncall/schedules/sched-1/edit');
    const name = await screen.findByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.paste('Payments primary (EU)');
    const layer1 = screen.getByRole('group', { name: 'Layer 1' });
    await userEvent.click(
      await within(layer1).findByRole('button', {
        name: 'Move Bob Okafor earlier',
      }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() => expect(api.updateSchedule).toHaveBeenCalledTimes(1));
    const [id, request] = api.updateSchedule.mock.calls[0];
    expect(id).toBe('sched-1');
    expect(request).toMatchObject({
      version: 4,
      name: 'Payments primary (EU)',
      timeZone: 'Europe/Berlin',
    });
    expect(request.layers?.[0].participants).toEqual([
      'user:default/bob',
      'user:default/alice',
    ]);
    expect(request.layers?.[1].restrictions).toEqual([
      { daysOfWeek: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
    ]);
    expect(
      await screen.findByText('Schedule page sched-1'),
    ).toBeInTheDocument();
  });

  it('says so and reloads when someone else changed the schedule first', async () => {
    const api = mockFirebreakApi({
      getSchedule: jest
        .fn()
        .mockResolvedValueOnce(testSchedule)
        .mockResolvedValue({
          ...testSchedule,
          name: 'Renamed by Bob',
          version: 5,
        }),
      updateSchedule: jest.fn(async () => {
        throw await responseError(
          409,
          'Schedule sched-1 is at version 5, not 4: reload and try again',
        );
      }),
    });
    await renderEditor(api, '/firebreak/oncall/schedules/sched-1/edit');
    const name = await screen.findByLabelText('Name');
    await userEvent.clear(name);
    await userEvent.paste('My name');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    expect(
      await screen.findByText(
        /Someone else changed this schedule while you were editing it — reloaded\. Your changes were not saved/,
      ),
    ).toBeInTheDocument();
    // The form shows the schedule as it is now, not the edit that was refused.
    await waitFor(() =>
      expect(screen.getByLabelText('Name')).toHaveValue('Renamed by Bob'),
    );
    expect(api.updateSchedule).toHaveBeenCalledTimes(1);
    expect(api.updateSchedule.mock.calls[0][1]).toMatchObject({ version: 4 });
  });

  it('shows a refusal that names a field next to that field', async () => {
    const api = mockFirebreakApi({
      getSchedule: jest.fn(async () => testSchedule),
      updateSchedule: jest.fn(async () => {
        throw await responseError(
          400,
          "layers[0].participants[1]: 'user:default/bob' is not in the catalog",
        );
      }),
    });
    await renderEditor(api, '/firebreak/oncall/schedules/sched-1/edit');
    await userEvent.click(await screen.findByRole('button', { name: 'Save' }));

    const people = await screen.findByRole('list', {
      name: 'Layer 1 people',
    });
    expect(
      await within(people).findByText(
        "'user:default/bob' is not in the catalog",
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Save' })).toBeDisabled();
  });
});
