import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import {
  mockFirebreakApi,
  mountedRoutes,
  teamMemberIdentityApi,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import {
  fixClockAndZoneForEachTest,
  otherSchedule,
  testPolicy,
  testSchedule,
} from '../../__testUtils__/onCallFixtures';
import { OnCallOverviewPage } from './OnCallOverviewPage';

jest.setTimeout(30_000);

describe('OnCallOverviewPage', () => {
  fixClockAndZoneForEachTest('Europe/Berlin');

  it('lists schedules and policies by team with who is on call now', async () => {
    const api = mockFirebreakApi({
      listSchedules: jest.fn(async () => ({
        items: [otherSchedule, testSchedule],
      })),
      listEscalationPolicies: jest.fn(async () => ({ items: [testPolicy] })),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={testApis(api, AuthorizeResult.ALLOW, teamMemberIdentityApi)}
      >
        <OnCallOverviewPage />
      </TestApiProvider>,
      { mountedRoutes },
    );

    const primary = await screen.findByRole('link', {
      name: 'Payments primary',
    });
    expect(primary).toHaveAttribute(
      'href',
      '/firebreak/oncall/schedules/sched-1',
    );
    // Alice's office hours, until 17:00 Berlin time; then Bob's week.
    const primaryItem = primary.closest('li') as HTMLElement;
    await waitFor(() =>
      expect(primaryItem).toHaveTextContent(
        'On call now: Alice Nguyen until Wed, Jan 14, 05:00 PM',
      ),
    );
    expect(primaryItem).toHaveTextContent(
      'Next: Bob Okafor from Wed, Jan 14, 05:00 PM',
    );

    const policy = screen.getByRole('link', { name: 'Payments default' });
    expect(policy).toHaveAttribute(
      'href',
      '/firebreak/oncall/policies/policy-1',
    );
    const policyItem = policy.closest('li') as HTMLElement;
    expect(within(policyItem).getByText('Default')).toBeInTheDocument();
    expect(policyItem).toHaveTextContent('2 levels · repeats once');

    // The checkout team has a schedule and no policy: that is said, not hidden.
    const checkout = screen.getByRole('link', { name: 'Checkout on-call' });
    expect(checkout.closest('li')).toHaveTextContent('On call now: Bob Okafor');
    expect(
      screen.getByText(
        "No escalation policy: incidents of this team's services page nobody.",
      ),
    ).toBeInTheDocument();

    expect(
      screen.getByRole('button', { name: 'New schedule' }),
    ).toHaveAttribute('href', '/firebreak/oncall/schedules/new');
    expect(
      screen.getByRole('button', { name: 'New escalation policy' }),
    ).toHaveAttribute('href', '/firebreak/oncall/policies/new');
  });

  it('invites to create the first schedule when there is none', async () => {
    await renderInTestApp(
      <TestApiProvider apis={testApis(mockFirebreakApi())}>
        <OnCallOverviewPage />
      </TestApiProvider>,
      { mountedRoutes },
    );
    expect(
      await screen.findByText('No on-call schedules yet'),
    ).toBeInTheDocument();
  });
});
