import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { RotateCalendarFeedButton } from './RotateCalendarFeedButton';

jest.setTimeout(30_000);

describe('RotateCalendarFeedButton', () => {
  it('replaces the address only once confirmed, and hands on the new one', async () => {
    const api = mockFirebreakApi();
    const onRotated = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={testApis(api)}>
        <RotateCalendarFeedButton scheduleId="sched-1" onRotated={onRotated} />
      </TestApiProvider>,
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Get a new address' }),
    );
    expect(
      screen.getByRole('dialog', { name: 'Get a new calendar address?' }),
    ).toHaveTextContent('The current address stops working at once');
    await userEvent.click(screen.getByRole('button', { name: 'Keep it' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.rotateCalendarFeedUrl).not.toHaveBeenCalled();

    await userEvent.click(
      screen.getByRole('button', { name: 'Get a new address' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Replace the address' }),
    );
    await waitFor(() =>
      expect(onRotated).toHaveBeenCalledWith(
        'http://localhost:7007/api/firebreak/calendar/rotated.ics',
      ),
    );
    expect(api.rotateCalendarFeedUrl).toHaveBeenCalledWith('sched-1');
  });

  it('says why when the address could not be replaced', async () => {
    const api = mockFirebreakApi({
      rotateCalendarFeedUrl: jest.fn(async () => {
        throw new Error('You may not change this schedule');
      }),
    });
    const onRotated = jest.fn();
    await renderInTestApp(
      <TestApiProvider apis={testApis(api)}>
        <RotateCalendarFeedButton onRotated={onRotated} />
      </TestApiProvider>,
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Get a new address' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Replace the address' }),
    );
    expect(
      await screen.findByText(/^Could not replace the address/),
    ).toBeInTheDocument();
    expect(api.rotateCalendarFeedUrl).toHaveBeenCalledWith(undefined);
    expect(onRotated).not.toHaveBeenCalled();
  });
});
