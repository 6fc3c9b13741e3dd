import {
  Schedule,
  computeScheduleShifts,
} from '@firebreak/backstage-plugin-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { FirebreakApi } from '../../api';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import {
  fixClockAndZoneForEachTest,
  testSchedule,
} from '../../__testUtils__/onCallFixtures';
import { SchedulePage } from './SchedulePage';

jest.setTimeout(30_000);

/** The backend's answer for the final schedule: the same math, on the stored schedule. */
function scheduleApi(schedule: Schedule = testSchedule) {
  return mockFirebreakApi({
    getSchedule: jest.fn(async () => schedule),
    getScheduleShifts: jest.fn(async (_id: string, from: string, to: string) =>
      computeScheduleShifts(schedule, new Date(from), new Date(to)),
    ),
    addOverride: jest.fn(async (_id, request) => ({
      id: 'override-2',
      createdBy: 'user:default/alice',
      ...request,
    })),
  });
}

async function renderPage(api: FirebreakApi) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <Routes>
        <Route path="/oncall/schedules/:id" element={<SchedulePage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/oncall/schedules/sched-1'], mountedRoutes },
  );
  expect(
    await screen.findByRole('heading', { name: 'Payments primary' }),
  ).toBeInTheDocument();
}

function namesIn(row: HTMLElement): string[] {
  return within(row)
    .queryAllByRole('listitem')
    .map(bar => bar.textContent ?? '');
}

describe('SchedulePage', () => {
  // The viewer is in New York; the schedule hands off in Berlin.
  fixClockAndZoneForEachTest('America/New_York');

  it('draws each layer alone and the final schedule for the next two weeks, with who is on call now', async () => {
    const api = scheduleApi();
    await renderPage(api);

    // From the viewer's midnight, for two weeks.
    await waitFor(() =>
      expect(api.getScheduleShifts).toHaveBeenCalledWith(
        'sched-1',
        '2026-01-14T05:00:00.000Z',
        '2026-01-28T05:00:00.000Z',
      ),
    );
    const weekly = screen.getByRole('list', {
      name: 'Layer 1: Weekly rotation',
    });
    await waitFor(() =>
      expect(namesIn(weekly)).toEqual([
        'Bob Okafor',
        'Alice Nguyen',
        'Bob Okafor',
      ]),
    );
    // Office hours: ten weekdays in the range, Alice alone.
    const officeHours = screen.getByRole('list', {
      name: 'Layer 2: Office hours',
    });
    expect(namesIn(officeHours)).toEqual(Array(10).fill('Alice Nguyen'));
    expect(
      within(screen.getByRole('list', { name: 'Overrides' })).getByRole(
        'listitem',
        { name: /^Bob Okafor: Sat, Jan 17, 03:00 AM – Sun, Jan 18, 03:00 AM$/ },
      ),
    ).toBeInTheDocument();
    // Final: Bob's night, Alice's office hours winning over his week, Bob again.
    const final = screen.getByRole('list', { name: 'Final' });
    await waitFor(() =>
      expect(namesIn(final).slice(0, 3)).toEqual([
        'Bob Okafor',
        'Alice Nguyen',
        'Bob Okafor',
      ]),
    );
    expect(screen.getByText('now')).toBeInTheDocument();

    // Office hours end at 17:00 in Berlin: 11:00 in New York.
    const onCallNow = screen.getByRole('region', {
      name: 'Who is on call now',
    });
    expect(within(onCallNow).getByText('Alice Nguyen')).toBeInTheDocument();
    expect(
      within(onCallNow).getByText(/until Wed, Jan 14, 11:00 AM \(in 4 hours\)/),
    ).toBeInTheDocument();
    expect(
      within(onCallNow).getByText(
        /Next: Bob Okafor from Wed, Jan 14, 11:00 AM/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Times in your time zone \(America\/New_York\); the schedule hands off in Europe\/Berlin time\./,
      ),
    ).toBeInTheDocument();
    expect(
      await screen.findByDisplayValue(
        'http://localhost:7007/api/firebreak/calendar/token.ics',
      ),
    ).toBeInTheDocument();
    expect(api.getCalendarFeedUrl).toHaveBeenCalledWith('sched-1');
  });

  it('lets the schedule’s owners replace its feed address', async () => {
    const api = scheduleApi();
    await renderPage(api);
    const address = await screen.findByDisplayValue(
      'http://localhost:7007/api/firebreak/calendar/token.ics',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Get a new address' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Replace the address' }),
    );
    await waitFor(() =>
      expect(address).toHaveValue(
        'http://localhost:7007/api/firebreak/calendar/rotated.ics',
      ),
    );
    expect(api.rotateCalendarFeedUrl).toHaveBeenCalledWith('sched-1');
  });

  it('shows four weeks, and earlier and later weeks, on request', async () => {
    const api = scheduleApi();
    await renderPage(api);

    await userEvent.click(screen.getByRole('button', { name: '4 weeks' }));
    await waitFor(() =>
      expect(api.getScheduleShifts).toHaveBeenLastCalledWith(
        'sched-1',
        '2026-01-14T05:00:00.000Z',
        '2026-02-11T05:00:00.000Z',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Later ›' }));
    await waitFor(() =>
      expect(api.getScheduleShifts).toHaveBeenLastCalledWith(
        'sched-1',
        '2026-02-11T05:00:00.000Z',
        '2026-03-11T04:00:00.000Z',
      ),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Today' }));
    await userEvent.click(screen.getByRole('button', { name: '‹ Earlier' }));
    await waitFor(() =>
      expect(api.getScheduleShifts).toHaveBeenLastCalledWith(
        'sched-1',
        '2025-12-17T05:00:00.000Z',
        '2026-01-14T05:00:00.000Z',
      ),
    );
  });

  it('adds an override with "I\'ll cover" for the current shift, and removes one', async () => {
    const api = scheduleApi();
    await renderPage(api);

    await userEvent.click(screen.getByRole('button', { name: "I'll cover" }));
    expect(
      await screen.findByDisplayValue('Alice Nguyen (you)'),
    ).toBeInTheDocument();
    // Now until the end of the current shift, in the viewer's time.
    expect(screen.getByLabelText('From')).toHaveValue('2026-01-14T07:00');
    expect(screen.getByLabelText('Until')).toHaveValue('2026-01-14T11:00');
    await userEvent.click(screen.getByRole('button', { name: 'Add override' }));
    await waitFor(() =>
      expect(api.addOverride).toHaveBeenCalledWith('sched-1', {
        userRef: 'user:default/alice',
        start: '2026-01-14T12:00:00.000Z',
        end: '2026-01-14T16:00:00.000Z',
      }),
    );
    // The schedule is loaded again to show it.
    await waitFor(() => expect(api.getSchedule).toHaveBeenCalledTimes(2));

    await userEvent.click(
      screen.getByRole('button', {
        name: /^Remove the override of Bob Okafor from Sat, Jan 17/,
      }),
    );
    await waitFor(() =>
      expect(api.deleteOverride).toHaveBeenCalledWith('sched-1', 'override-1'),
    );
  });

  it('will not add an override that ends before it starts', async () => {
    const api = scheduleApi();
    await renderPage(api);

    await userEvent.click(screen.getByRole('button', { name: "I'll cover" }));
    const until = screen.getByLabelText('Until');
    await userEvent.clear(until);
    await userEvent.type(until, '2026-01-14T06:00');
    expect(until).toHaveAccessibleDescription('must be after start');
    expect(screen.getByRole('button', { name: 'Add override' })).toBeDisabled();
    expect(api.addOverride).not.toHaveBeenCalled();
  });
});
