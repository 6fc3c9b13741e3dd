import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import {
  fixClockAndZoneForEachTest,
  otherSchedule,
  testPolicy,
  testSchedule,
} from '../../__testUtils__/onCallFixtures';
import { EscalationPolicyPage } from './EscalationPolicyPage';

jest.setTimeout(30_000);

describe('EscalationPolicyPage', () => {
  fixClockAndZoneForEachTest('Europe/Berlin');

  it('shows each level with whom it pages now and when paging moves on', async () => {
    const api = mockFirebreakApi({
      getEscalationPolicy: jest.fn(async () => ({
        ...testPolicy,
        levels: [
          ...testPolicy.levels,
          // A schedule whose only layer has nobody in it.
          {
            targets: [{ type: 'schedule' as const, ref: 'sched-empty' }],
            ackTimeoutMinutes: 5,
          },
        ],
      })),
      listSchedules: jest.fn(async () => ({
        items: [
          testSchedule,
          otherSchedule,
          {
            ...otherSchedule,
            id: 'sched-empty',
            name: 'Weekend only',
            layers: [
              {
                ...otherSchedule.layers[0],
                restrictions: [
                  { daysOfWeek: [6, 7], start: '09:00', end: '17:00' },
                ],
              },
            ],
          },
        ],
      })),
    });
    await renderInTestApp(
      <TestApiProvider apis={testApis(api)}>
        <Routes>
          <Route
            path="/oncall/policies/:id"
            element={<EscalationPolicyPage />}
          />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/oncall/policies/policy-1'], mountedRoutes },
    );
    expect(
      await screen.findByRole('heading', { name: 'Payments default' }),
    ).toBeInTheDocument();

    const level1 = screen.getByRole('listitem', { name: 'Level 1' });
    await waitFor(() =>
      expect(level1).toHaveTextContent(
        'Payments primary: Alice Nguyen until Wed, Jan 14, 05:00 PM',
      ),
    );
    expect(level1).toHaveTextContent(
      'No acknowledgement within 10 min → level 2',
    );
    expect(
      screen.getByRole('link', { name: 'Payments primary' }),
    ).toHaveAttribute('href', '/firebreak/oncall/schedules/sched-1');
    expect(screen.getByRole('listitem', { name: 'Level 2' })).toHaveTextContent(
      'Bob Okafor (always)',
    );
    const level3 = screen.getByRole('listitem', { name: 'Level 3' });
    expect(level3).toHaveTextContent('Weekend only: nobody on call now');
    expect(level3).toHaveTextContent(
      'Reaches nobody now: paging skips this level.',
    );
    expect(
      screen.getByText(
        'If nobody acknowledges after the last level, the policy starts again from level 1, once more; then paging stops.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Edit policy' })).toHaveAttribute(
      'href',
      '/firebreak/oncall/policies/policy-1/edit',
    );
  });
});
