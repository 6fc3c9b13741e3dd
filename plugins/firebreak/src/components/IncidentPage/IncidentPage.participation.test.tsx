import { identityApiRef } from '@backstage/core-plugin-api';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { Incident } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { firebreakApiRef } from '../../api';
import {
  mockFirebreakApi,
  mountedRoutes,
  testCatalogApi,
  testIdentityApi,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { IncidentPage } from './IncidentPage';
import { READ_ONLY_REASON } from './participation';

jest.setTimeout(30_000);

const alice = 'user:default/alice';
const bob = 'user:default/bob';
/** Bob's incident: Alice, signed in, neither reported it nor holds a role. */
const bobs: Incident = {
  ...testIncident,
  reporterRef: bob,
  roles: { commander: bob },
};

/**
 * The page for Alice, with an incident that changes when she joins or leaves and a policy
 * that lets participants change it, as the example policy does.
 */
async function renderAsAlice(initial: Incident) {
  let incident = initial;
  const participant = () =>
    incident.responders.includes(alice) ||
    Object.values(incident.roles).includes(alice);
  const api = mockFirebreakApi({
    getIncident: jest.fn(async () => incident),
    joinIncident: jest.fn(async () => {
      incident = {
        ...incident,
        responders: [...incident.responders, alice],
        version: incident.version + 1,
      };
      return incident;
    }),
    leaveIncident: jest.fn(async () => {
      incident = {
        ...incident,
        responders: incident.responders.filter(r => r !== alice),
        version: incident.version + 1,
      };
      return incident;
    }),
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [firebreakApiRef, api],
        [
          permissionApiRef,
          mockApis.permission({
            authorize: request =>
              request.permission.name === 'firebreak.incident.update' &&
              !participant()
                ? AuthorizeResult.DENY
                : AuthorizeResult.ALLOW,
          }),
        ],
        [catalogApiRef, testCatalogApi()],
        [identityApiRef, testIdentityApi],
      ]}
    >
      <Routes>
        <Route path="/incidents/:ref" element={<IncidentPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/incidents/INC-42'], mountedRoutes },
  );
  return api;
}

describe('IncidentPage participation', () => {
  it('tells a reader why the controls are disabled and lets them join, then help', async () => {
    const api = await renderAsAlice(bobs);
    const join = await screen.findByRole('button', {
      name: 'Join as responder',
    });
    // The reason is visible text, next to every control it disables.
    expect(screen.getAllByText(READ_ONLY_REASON).length).toBeGreaterThan(1);
    expect(screen.getByLabelText('Status')).toHaveAttribute(
      'aria-disabled',
      'true',
    );
    expect(
      screen.queryByRole('button', { name: 'Post' }),
    ).not.toBeInTheDocument();

    await userEvent.click(join);
    expect(api.joinIncident).toHaveBeenCalledWith(testIncident.id);
    expect(
      await screen.findByText(/You joined INC-42 as a responder/),
    ).toBeInTheDocument();
    // Joined, the policy lets her change it: the permission is asked again.
    await waitFor(() =>
      expect(screen.getByLabelText('Status')).not.toHaveAttribute(
        'aria-disabled',
      ),
    );
    expect(screen.getByRole('button', { name: 'Post' })).toBeInTheDocument();
    expect(screen.queryByText(READ_ONLY_REASON)).not.toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: 'Join as responder' }),
    ).not.toBeInTheDocument();
  });

  it('lets a joined responder leave, and lists them among the responders', async () => {
    const api = await renderAsAlice({ ...bobs, responders: [alice] });
    const roles = (await screen.findByText('Responders')).closest<HTMLElement>(
      '[class*="MuiCard-root"]',
    )!;
    expect(within(roles).getByText('alice')).toBeInTheDocument();
    await userEvent.click(await screen.findByRole('button', { name: 'Leave' }));
    expect(api.leaveIncident).toHaveBeenCalledWith(testIncident.id);
    expect(
      await within(roles).findByText('Nobody has joined yet'),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('button', { name: 'Join as responder' }),
    ).toBeInTheDocument();
  });

  it('keeps the commander from leaving, saying why', async () => {
    await renderAsAlice({
      ...bobs,
      roles: { commander: alice },
      responders: [alice],
    });
    const leave = await screen.findByRole('button', { name: 'Leave' });
    expect(leave).toBeDisabled();
    expect(leave).toHaveAccessibleDescription(
      'Hand command to someone else before you leave.',
    );
  });

  it('shows joining and leaving on the timeline', async () => {
    const api = mockFirebreakApi();
    api.getTimeline.mockResolvedValue({
      items: [
        {
          id: 'e1',
          incidentId: testIncident.id,
          actorRef: bob,
          at: testIncident.declaredAt,
          type: 'responder_joined',
          data: { userRef: bob },
        },
      ],
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [firebreakApiRef, api],
          [permissionApiRef, mockApis.permission()],
          [catalogApiRef, testCatalogApi()],
          [identityApiRef, testIdentityApi],
        ]}
      >
        <Routes>
          <Route path="/incidents/:ref" element={<IncidentPage />} />
        </Routes>
      </TestApiProvider>,
      { routeEntries: ['/incidents/INC-42'], mountedRoutes },
    );
    const event = (await screen.findByText(/joined as a responder/)).closest(
      'li',
    )!;
    await waitFor(() =>
      expect(event).toHaveTextContent(/^bob joined as a responder/),
    );
  });
});
