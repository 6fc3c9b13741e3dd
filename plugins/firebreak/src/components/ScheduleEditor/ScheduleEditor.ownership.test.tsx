import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { FirebreakApi } from '../../api';
import {
  mockFirebreakApi,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import {
  fixClockAndZoneForEachTest,
  testSchedule,
} from '../../__testUtils__/onCallFixtures';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Route, Routes } from 'react-router-dom';
import { mountedRoutes } from '../../__testUtils__/mockFirebreakApi';
import { MAY_NOT_MANAGE_OWNER } from '../EditorForm';
import { ScheduleEditorPage } from './ScheduleEditor';

jest.setTimeout(60_000);

const PAYMENTS = 'group:default/payments-team';

/** The viewer may change anything, but not manage the Payments team's on-call. */
const notPayments = (request: {
  permission: { name: string };
  resourceRef?: string;
}) =>
  request.permission.name === 'firebreak.oncall.create' &&
  request.resourceRef === `owner:${PAYMENTS}`
    ? AuthorizeResult.DENY
    : AuthorizeResult.ALLOW;

async function renderEditor(api: FirebreakApi, path: string) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api, notPayments)}>
      <Routes>
        <Route path="/oncall/schedules/new" element={<ScheduleEditorPage />} />
        <Route
          path="/oncall/schedules/:id/edit"
          element={<ScheduleEditorPage />}
        />
      </Routes>
    </TestApiProvider>,
    { routeEntries: [path], mountedRoutes },
  );
}

// Its own file: permission answers are cached for the life of the module.
describe('ScheduleEditorPage and the owner team', () => {
  fixClockAndZoneForEachTest('Europe/Berlin');

  it('keeps Create off, saying why, for a team the viewer may not manage', async () => {
    const api = mockFirebreakApi();
    await renderEditor(api, `/oncall/schedules/new?owner=${PAYMENTS}`);
    expect(
      await screen.findByRole('heading', { name: 'New on-call schedule' }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('Name'));
    await userEvent.paste('Payments primary');
    const input = screen.getByLabelText('Add a person to Layer 1');
    await userEvent.click(input);
    await userEvent.paste('Bob');
    await userEvent.click(
      await screen.findByRole('option', { name: /Bob Okafor/ }),
    );

    // Beside Create and at the owner field.
    await waitFor(() =>
      expect(screen.getAllByText(MAY_NOT_MANAGE_OWNER)).toHaveLength(2),
    );
    expect(
      screen.getByRole('button', { name: 'Create schedule' }),
    ).toBeDisabled();
  });

  it('lets the owners save, and stops them moving the schedule to a team they may not manage', async () => {
    const api = mockFirebreakApi({
      getSchedule: jest.fn(async () => ({
        ...testSchedule,
        ownerRef: 'group:default/storefront',
      })),
    });
    await renderEditor(api, '/oncall/schedules/sched-1/edit');
    const save = await screen.findByRole('button', { name: 'Save' });
    await waitFor(() => expect(save).toBeEnabled());
    expect(screen.queryByText(MAY_NOT_MANAGE_OWNER)).not.toBeInTheDocument();

    await userEvent.click(screen.getByLabelText('Owner team'));
    await userEvent.paste('Payments');
    await userEvent.click(
      await screen.findByRole('option', { name: /Payments team/ }),
    );

    await waitFor(() =>
      expect(screen.getAllByText(MAY_NOT_MANAGE_OWNER)).toHaveLength(2),
    );
    expect(save).toBeDisabled();
  });
});
