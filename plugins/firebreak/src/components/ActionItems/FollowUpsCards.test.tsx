import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import { ReactElement } from 'react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { EntityFollowUpsCard, MyFollowUpsCard } from './EntityFollowUps';
import { IncidentFollowUpsCard } from './IncidentFollowUpsCard';

jest.setTimeout(30_000);

async function render(
  element: ReactElement,
  permission:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
) {
  const api = mockFirebreakApi();
  await renderInTestApp(
    <TestApiProvider apis={testApis(api, permission)}>
      {element}
    </TestApiProvider>,
    { mountedRoutes },
  );
  return api;
}

const group: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name: 'Payments-Team', namespace: 'default' },
  spec: {},
};

describe('follow-up cards', () => {
  it('"What we owe" lists the open items of the group and its members', async () => {
    const api = await render(
      <EntityProvider entity={group}>
        <EntityFollowUpsCard />
      </EntityProvider>,
    );
    expect(await screen.findByText('What we owe')).toBeInTheDocument();
    expect(
      await screen.findByText('The team owes nothing right now.'),
    ).toBeInTheDocument();
    expect(api.listActionItems).toHaveBeenCalledWith({
      ownerRef: 'group:default/payments-team',
      status: ['open', 'in_progress'],
    });
  });

  it('"My follow-ups" lists the signed-in person’s open items', async () => {
    const api = await render(<MyFollowUpsCard />);
    expect(
      await screen.findByText('You owe nothing right now.'),
    ).toBeInTheDocument();
    expect(api.listActionItems).toHaveBeenCalledWith({
      ownerRef: 'user:default/alice',
      status: ['open', 'in_progress'],
    });
  });

  it('on an incident, lists its items and offers "Add action item"', async () => {
    const api = await render(<IncidentFollowUpsCard incident={testIncident} />);
    await waitFor(() =>
      expect(
        screen.getByRole('button', { name: 'Add action item' }),
      ).toBeEnabled(),
    );
    expect(api.listActionItems).toHaveBeenCalledWith({
      incidentRef: testIncident.id,
    });
  });

  it('disables "Add action item" for who may not add one, and says why', async () => {
    await render(
      <IncidentFollowUpsCard
        incident={{ ...testIncident, id: 'incident-not-mine' }}
      />,
      AuthorizeResult.DENY,
    );
    expect(
      await screen.findByText(/Only owners of the impacted entities/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Add action item' }),
    ).toBeDisabled();
  });
});
