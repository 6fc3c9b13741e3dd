import { signalApiRef } from '@backstage/plugin-signals-react';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { OnCallPage, TimelineEvent } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { FirebreakApi } from '../../api';
import {
  mockFirebreakApi,
  mockSignalApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { IncidentPage } from './IncidentPage';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

const declaredAt = testIncident.declaredAt;

/** A page of the incident; Alice (signed in) was notified unless said otherwise. */
function page(changes: Partial<OnCallPage> = {}): OnCallPage {
  return {
    id: 'page-1',
    incidentId: testIncident.id,
    policyId: 'policy-1',
    policyName: 'Payments default',
    status: 'active',
    level: 1,
    round: 1,
    notified: ['user:default/alice'],
    nextEscalationAt: new Date(Date.now() + 5 * 60_000).toISOString(),
    createdAt: declaredAt,
    ...changes,
  };
}

function event(
  id: string,
  changes: Pick<TimelineEvent, 'type' | 'data'> & Partial<TimelineEvent>,
): TimelineEvent {
  return {
    id,
    incidentId: testIncident.id,
    actorRef: 'service:firebreak/paging',
    at: '2026-11-20T10:00:00.000Z',
    ...changes,
  } as TimelineEvent;
}

async function renderPage(
  api: FirebreakApi,
  signals = mockSignalApi(),
): Promise<void> {
  await renderInTestApp(
    <TestApiProvider apis={[...testApis(api), [signalApiRef, signals.api]]}>
      <Routes>
        <Route path="/incidents/:ref" element={<IncidentPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/incidents/INC-42'], mountedRoutes },
  );
  expect(
    await screen.findByRole('heading', {
      name: 'INC-42 Elevated 5xx from payments API',
    }),
  ).toBeInTheDocument();
}

function pagingCard() {
  return screen
    .getByText('Paging')
    .closest<HTMLElement>('[class*="MuiCard-root"]')!;
}

describe('IncidentPage paging', () => {
  it('asks a paged person to acknowledge first, and then says who acknowledged after how long', async () => {
    const api = mockFirebreakApi({
      listPages: jest
        .fn()
        .mockResolvedValueOnce({ items: [page()] })
        .mockResolvedValue({
          items: [
            page({
              status: 'acknowledged',
              nextEscalationAt: undefined,
              acknowledgedBy: 'user:default/alice',
              acknowledgedAt: '2026-11-20T10:04:00.000Z',
            }),
          ],
        }),
      getIncident: jest
        .fn()
        .mockResolvedValueOnce(testIncident)
        .mockResolvedValue({
          ...testIncident,
          acknowledgedAt: '2026-11-20T10:04:00.000Z',
        }),
    });
    await renderPage(api);

    const banner = await screen.findByRole('alert');
    expect(
      within(banner).getByText('You are being paged for this incident'),
    ).toBeInTheDocument();
    expect(banner).toHaveTextContent(/Through Payments default/);
    expect(banner).toHaveTextContent(/next level is paged in [45] min \d\d s/);
    expect(screen.getByText('not yet — paging')).toBeInTheDocument();

    await userEvent.click(
      within(banner).getByRole('button', { name: 'Acknowledge' }),
    );
    expect(api.acknowledgeIncident).toHaveBeenCalledWith(testIncident.id);

    await waitFor(() =>
      expect(
        screen.queryByText('You are being paged for this incident'),
      ).not.toBeInTheDocument(),
    );
    // MTTA in the header: declared 10:00, acknowledged 10:04.
    const header = screen.getByText('Acknowledged').parentElement!;
    await waitFor(() =>
      expect(header).toHaveTextContent('by alice after 4 min'),
    );
    expect(pagingCard()).toHaveTextContent(
      /Acknowledged by alice at .*, 4 min after the page started/,
    );
  });

  it('shows no banner to someone who was not paged, and lets a responder acknowledge and escalate from the card', async () => {
    const api = mockFirebreakApi({
      listPages: jest.fn(async () => ({
        items: [page({ notified: ['user:default/bob'] })],
      })),
    });
    await renderPage(api);
    const card = pagingCard();
    expect(await within(card).findByText('paging')).toBeInTheDocument();
    expect(card).toHaveTextContent(/Level 1 · notified bob/);
    expect(card).toHaveTextContent(
      /Next level paged in [45] min \d\d s unless someone acknowledges/,
    );
    expect(
      screen.queryByText('You are being paged for this incident'),
    ).not.toBeInTheDocument();

    await userEvent.click(
      within(card).getByRole('button', { name: 'Escalate now' }),
    );
    expect(api.escalateIncident).toHaveBeenCalledWith(testIncident.id);
    await userEvent.click(
      within(card).getByRole('button', { name: 'Acknowledge' }),
    );
    expect(api.acknowledgeIncident).toHaveBeenCalledWith(testIncident.id);
  });

  it('shows no banner once the page was acknowledged, even to whoever it paged', async () => {
    const api = mockFirebreakApi({
      listPages: jest.fn(async () => ({
        items: [
          page({
            status: 'acknowledged',
            nextEscalationAt: undefined,
            acknowledgedBy: 'user:default/bob',
            acknowledgedAt: '2026-11-20T10:02:00.000Z',
          }),
        ],
      })),
    });
    await renderPage(api);
    const card = pagingCard();
    expect(await within(card).findByText('acknowledged')).toBeInTheDocument();
    expect(
      screen.queryByText('You are being paged for this incident'),
    ).not.toBeInTheDocument();
    expect(
      within(card).queryByRole('button', { name: 'Acknowledge' }),
    ).not.toBeInTheDocument();
    // Nothing to escalate: the card offers to page the on-call again instead.
    expect(
      within(card).getByRole('button', { name: 'Page the on-call again' }),
    ).toBeInTheDocument();
  });

  it('says loudly when nobody was on call to page', async () => {
    const api = mockFirebreakApi({
      listPages: jest.fn(async () => ({
        items: [
          page({
            status: 'exhausted',
            level: 0,
            notified: [],
            nextEscalationAt: undefined,
          }),
        ],
      })),
    });
    await renderPage(api);
    expect(
      await within(pagingCard()).findByText(
        /Nobody is on call at any level of this policy: nobody was paged/,
      ),
    ).toBeInTheDocument();
  });

  it('tells the paging story on the timeline', async () => {
    const api = mockFirebreakApi({
      getTimeline: jest.fn(async () => ({
        items: [
          event('e1', {
            type: 'paged',
            data: {
              pageId: 'page-1',
              policy: 'Payments default',
              level: 1,
              round: 1,
              users: ['user:default/alice'],
              reason: 'declared',
            },
          }),
          event('e2', {
            type: 'paged',
            data: {
              pageId: 'page-1',
              policy: 'Payments default',
              level: 2,
              round: 2,
              users: ['user:default/bob', 'user:default/alice'],
              reason: 'timeout',
            },
          }),
          event('e3', {
            type: 'page_acknowledged',
            actorRef: 'user:default/bob',
            data: { pageId: 'page-1', policy: 'Payments default', level: 2 },
          }),
          event('e4', {
            type: 'page_exhausted',
            data: {
              pageId: 'page-2',
              policy: 'Platform default',
              reason: 'nobody_on_call',
            },
          }),
        ],
      })),
    });
    await renderPage(api);
    const text = (expected: string) =>
      screen.findByText((_, element) =>
        element?.tagName === 'SPAN' &&
        element.className.includes('MuiListItemText-primary')
          ? element.textContent === expected
          : false,
      );
    expect(
      await text(
        'Paged alice (level 1, Payments default): the incident was declared',
      ),
    ).toBeInTheDocument();
    expect(
      await text(
        'Paged bob, alice (level 2, round 2, Payments default): nobody acknowledged the previous level in time',
      ),
    ).toBeInTheDocument();
    expect(
      await text(
        'bob acknowledged (level 2, Payments default): escalation stopped',
      ),
    ).toBeInTheDocument();
    const exhausted = await text(
      'Nobody is on call for Platform default: nobody was paged',
    );
    // It stands out: marked as an alarm, not one line among many.
    expect(exhausted.closest('li')!.className).toMatch(/alarm/);
    // Paging is done by Firebreak, not by a catalog entity.
    expect(screen.getAllByText(/Firebreak paging/).length).toBe(3);
  });

  it('reloads the pages when the incident signals a paging change', async () => {
    const signals = mockSignalApi();
    const api = mockFirebreakApi({
      listPages: jest
        .fn()
        .mockResolvedValueOnce({ items: [] })
        .mockResolvedValue({ items: [page()] }),
    });
    await renderPage(api, signals);
    expect(
      await within(pagingCard()).findByText(
        /Nobody has been paged for this incident/,
      ),
    ).toBeInTheDocument();

    signals.publish(`firebreak:incident:${testIncident.id}`, {
      kind: 'paging',
      incidentId: testIncident.id,
    });
    expect(
      await screen.findByText('You are being paged for this incident'),
    ).toBeInTheDocument();
    // One message, one reload: not a loop.
    await new Promise(resolve => setTimeout(resolve, 300));
    expect(api.listPages).toHaveBeenCalledTimes(2);
  });
});
