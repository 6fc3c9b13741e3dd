import { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { MyShift } from '@firebreak/backstage-plugin-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ReactElement } from 'react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { EntityUserOnCallCard, MyOnCallCard } from './MyOnCallCard';

jest.setTimeout(30_000);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Half a minute of slack for rendering, so relative times read as whole minutes.
const soon = (ms: number) => new Date(Date.now() + ms + 30_000).toISOString();

function shift(name: string, start: string, end: string): MyShift {
  return {
    scheduleId: name.toLocaleLowerCase('en-US').replace(/ /g, '-'),
    scheduleName: name,
    start,
    end,
  };
}

async function render(element: ReactElement, api = mockFirebreakApi()) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>{element}</TestApiProvider>,
    { mountedRoutes },
  );
  return api;
}

function user(name: string): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name, namespace: 'default' },
    spec: {},
  };
}

describe('MyOnCallCard', () => {
  it('shows the shift I am on now and my next shifts over four weeks, linked to their schedules', async () => {
    const api = mockFirebreakApi({
      getMyShifts: jest.fn(async () => ({
        items: [
          shift('Payments primary', soon(-HOUR), soon(5 * HOUR)),
          shift('Payments secondary', soon(3 * DAY), soon(10 * DAY)),
          // Beyond four weeks: read (so shifts are not cut short) but not listed.
          shift('Platform & SRE', soon(30 * DAY), soon(31 * DAY)),
        ],
      })),
    });
    await render(<MyOnCallCard />, api);

    const now = await screen.findByText('On call now');
    expect(now.parentElement).toHaveTextContent(
      'On call now · Payments primary',
    );
    expect(now.closest('div')).toHaveTextContent(/until .* \(in 5 h\)/);
    expect(
      screen.getByRole('link', { name: 'Payments primary' }),
    ).toHaveAttribute('href', '/firebreak/oncall/schedules/payments-primary');

    const upcoming = screen.getByRole('list', { name: 'Upcoming shifts' });
    expect(within(upcoming).getAllByRole('listitem')).toHaveLength(1);
    expect(upcoming).toHaveTextContent(
      /Payments secondary · starts in 3 d.*→.*\(7 d\)/,
    );
    expect(screen.queryByText(/Platform & SRE/)).not.toBeInTheDocument();

    // Asked for the next four weeks and a week beyond.
    const { from, to } = api.getMyShifts.mock.calls[0][0]!;
    expect(Date.parse(to!) - Date.parse(from!)).toBe(35 * DAY);
  });

  it('counts the shift I am on as now when the backend cuts it to the start of the range', async () => {
    const api = mockFirebreakApi({
      getMyShifts: jest.fn(async range => ({
        items: [shift('Payments primary', range!.from!, soon(5 * HOUR))],
      })),
    });
    await render(<MyOnCallCard />, api);
    expect(await screen.findByText('On call now')).toBeInTheDocument();
    expect(screen.queryByText(/starts/)).not.toBeInTheDocument();
  });

  it('says so when I have no shifts', async () => {
    await render(<MyOnCallCard />);
    expect(
      await screen.findByText('You have no shifts in the next 4 weeks.'),
    ).toBeInTheDocument();
  });

  it('gives my calendar address on request, with a way to copy it', async () => {
    const api = await render(<MyOnCallCard />);
    // Not fetched before it is asked for: the address is a credential.
    expect(api.getCalendarFeedUrl).not.toHaveBeenCalled();

    await userEvent.click(
      await screen.findByRole('button', { name: 'Subscribe in your calendar' }),
    );
    expect(api.getCalendarFeedUrl).toHaveBeenCalledWith();
    const address = await screen.findByLabelText(
      'Your on-call calendar (iCal)',
    );
    expect(address).toHaveValue(
      'http://localhost:7007/api/firebreak/calendar/token.ics',
    );
    expect(screen.getByText(/as a subscription, not an import/)).toBeVisible();

    const writeText = jest.fn(async (_: string) => undefined);
    Object.defineProperty(window.navigator, 'clipboard', {
      value: { writeText },
      configurable: true,
    });
    fireEvent.click(
      screen.getByRole('button', { name: 'Copy the calendar address' }),
    );
    await waitFor(() =>
      expect(writeText).toHaveBeenCalledWith(
        'http://localhost:7007/api/firebreak/calendar/token.ics',
      ),
    );
    expect(await screen.findByText('Copied.')).toBeInTheDocument();
  });

  it('replaces my calendar address once confirmed, showing the new one', async () => {
    const api = await render(<MyOnCallCard />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Subscribe in your calendar' }),
    );
    const address = await screen.findByLabelText(
      'Your on-call calendar (iCal)',
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
    // My own feed: no schedule named.
    expect(api.rotateCalendarFeedUrl).toHaveBeenCalledWith(undefined);
  });
});

describe('EntityUserOnCallCard', () => {
  it("shows my shifts on my own profile and nothing on someone else's", async () => {
    const mine = await render(
      <EntityProvider entity={user('alice')}>
        <EntityUserOnCallCard />
      </EntityProvider>,
    );
    expect(await screen.findByText('My on-call')).toBeInTheDocument();
    expect(mine.getMyShifts).toHaveBeenCalled();
  });

  it("shows nothing on someone else's profile", async () => {
    const theirs = await render(
      <div data-testid="profile">
        <EntityProvider entity={user('bob')}>
          <EntityUserOnCallCard />
        </EntityProvider>
      </div>,
    );
    await waitFor(() =>
      expect(screen.getByTestId('profile')).toBeEmptyDOMElement(),
    );
    expect(screen.queryByText('My on-call')).not.toBeInTheDocument();
    expect(theirs.getMyShifts).not.toHaveBeenCalled();
  });
});
