import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { PostmortemDetails } from '@firebreak/backstage-plugin-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { responseError } from '../../__testUtils__/onCallFixtures';
import { testPostmortem } from '../../__testUtils__/postmortemFixtures';
import { PostmortemPage } from './PostmortemPage';

// Rendering MUI dialogs and menus is slow on a busy 2-core machine.
jest.setTimeout(30_000);

async function renderPage(
  postmortem: PostmortemDetails,
  overrides: Parameters<typeof mockFirebreakApi>[0] = {},
) {
  const api = mockFirebreakApi({
    getIncidentPostmortem: jest.fn(async () => postmortem),
    ...overrides,
  });
  const rendered = await renderInTestApp(
    <TestApiProvider apis={testApis(api)}>
      <Routes>
        <Route path="/incidents/:ref/postmortem" element={<PostmortemPage />} />
      </Routes>
    </TestApiProvider>,
    { routeEntries: ['/incidents/INC-42/postmortem'], mountedRoutes },
  );
  await screen.findByText('Postmortem of INC-42');
  return { api, ...rendered };
}

describe('PostmortemPage', () => {
  it('shows sections as Markdown, the key durations and the due date', async () => {
    await renderPage(testPostmortem());
    expect(screen.getByText('stalled').tagName).toBe('STRONG');
    expect(screen.getByText('due in 3 days')).toBeInTheDocument();
    expect(screen.getByText('1 h 0 min')).toBeInTheDocument();
    expect(screen.getByText('1 h 5 min')).toBeInTheDocument();
  });

  it('renders a section body inertly: no script-bearing image, no javascript: link', async () => {
    const body =
      'Look <img src=x onerror="window.__pmXss=1"> and [click](javascript:window.__pmXss=2)';
    const { container } = await renderPage(
      testPostmortem({
        sections: [{ id: 'summary', title: 'Summary', body }],
      }),
    );
    await screen.findByText(/Look/);
    // The sanitiser may keep the image, but never its handler: no on* attribute anywhere.
    for (const element of Array.from(container.querySelectorAll('*'))) {
      for (const attribute of Array.from(element.attributes)) {
        expect(attribute.name).not.toMatch(/^on/i);
      }
    }
    for (const a of Array.from(container.querySelectorAll('a'))) {
      expect(a.getAttribute('href') ?? '').not.toMatch(/^\s*javascript:/i);
    }
    expect((window as any).__pmXss).toBeUndefined();
  });

  it('saves a section against its version, and after a 409 reloads and keeps the text', async () => {
    const { api } = await renderPage(testPostmortem(), {
      updatePostmortem: jest.fn(async () => {
        throw await responseError(409, 'Postmortem pm-1 is at version 5');
      }),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Edit Summary' }));
    const box = screen.getByLabelText('Summary (Markdown)');
    await userEvent.clear(box);
    await userEvent.type(box, 'My careful analysis');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));

    await waitFor(() =>
      expect(api.getIncidentPostmortem).toHaveBeenCalledTimes(2),
    );
    expect(api.updatePostmortem).toHaveBeenCalledWith('pm-1', {
      version: 4,
      sections: [
        { id: 'summary', title: 'Summary', body: 'My careful analysis' },
        { id: 'impact', title: 'Impact', body: '' },
      ],
    });
    expect(
      await screen.findByText(/your text below was NOT saved/),
    ).toBeInTheDocument();
    expect(screen.getByLabelText('Summary (Markdown)')).toHaveValue(
      'My careful analysis',
    );
  });

  it('stars and unstars timeline events with a PATCH of the starred ids', async () => {
    const { api } = await renderPage(testPostmortem(), {
      updatePostmortem: jest.fn(async (_id, request) =>
        testPostmortem({
          starredEventIds: request.starredEventIds,
          version: 5,
        }),
      ),
    });
    const star = screen.getByRole('button', { name: /^Star event/ });
    expect(star).toHaveAttribute('aria-pressed', 'false');
    await userEvent.click(star);
    expect(api.updatePostmortem).toHaveBeenLastCalledWith('pm-1', {
      version: 4,
      starredEventIds: ['ev-1', 'ev-2'],
    });
    await waitFor(() =>
      expect(
        screen.queryByRole('button', { name: /^Star event/ }),
      ).not.toBeInTheDocument(),
    );
    const unstar = screen.getAllByRole('button', { name: /^Unstar event/ });
    await userEvent.click(unstar[0]);
    expect(api.updatePostmortem).toHaveBeenLastCalledWith('pm-1', {
      version: 5,
      starredEventIds: ['ev-2'],
    });
  });

  it('does not let the owner approve their own postmortem, and says why', async () => {
    await renderPage(
      testPostmortem({ status: 'in_review', ownerRef: 'user:default/alice' }),
    );
    expect(screen.getByRole('button', { name: 'Approve' })).toBeDisabled();
    expect(
      screen.getAllByText(
        'You own this postmortem: someone else must approve it.',
      ).length,
    ).toBeGreaterThan(0);
    expect(screen.getByRole('button', { name: 'Publish' })).toBeDisabled();
  });

  it('submits for review, approves, then publishes, each on the latest version', async () => {
    const inReview = testPostmortem({ status: 'in_review', version: 5 });
    const approved = testPostmortem({
      status: 'in_review',
      version: 6,
      approvals: [
        { approverRef: 'user:default/alice', approvedAt: inReview.updatedAt },
      ],
    });
    const published = testPostmortem({
      ...approved,
      status: 'published',
      version: 7,
    });
    const updatePostmortem = jest
      .fn()
      .mockResolvedValueOnce(inReview)
      .mockResolvedValueOnce(published);
    const approvePostmortem = jest.fn(async () => approved);
    const { api } = await renderPage(testPostmortem(), {
      updatePostmortem,
      approvePostmortem,
    });

    await userEvent.click(
      screen.getByRole('button', { name: 'Submit for review' }),
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Approve' }),
    );
    await waitFor(() =>
      expect(screen.getByRole('button', { name: 'Publish' })).toBeEnabled(),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Publish' }));

    expect(
      await screen.findByText(/published and read-only/),
    ).toBeInTheDocument();
    expect(api.updatePostmortem).toHaveBeenNthCalledWith(1, 'pm-1', {
      version: 4,
      status: 'in_review',
    });
    expect(api.approvePostmortem).toHaveBeenCalledWith('pm-1', 5);
    expect(api.updatePostmortem).toHaveBeenNthCalledWith(2, 'pm-1', {
      version: 6,
      status: 'published',
    });
    const [submit, publish] = updatePostmortem.mock.invocationCallOrder;
    const [approve] = approvePostmortem.mock.invocationCallOrder;
    expect(submit).toBeLessThan(approve);
    expect(approve).toBeLessThan(publish);
    // Published: read-only, and reopening is offered.
    expect(screen.getByRole('button', { name: 'Edit Summary' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Reopen' })).toBeEnabled();
  });

  it('waives with a reason from the dialog', async () => {
    const { api } = await renderPage(testPostmortem(), {
      updatePostmortem: jest.fn(async () =>
        testPostmortem({ status: 'waived', waiverReason: 'Duplicate' }),
      ),
    });
    await userEvent.click(screen.getByRole('button', { name: 'Waive' }));
    const dialog = await screen.findByRole('dialog');
    const waive = screen.getAllByRole('button', { name: 'Waive' }).pop()!;
    expect(waive).toBeDisabled();
    await userEvent.type(
      screen.getByLabelText(/Reason for waiving/),
      'Duplicate of INC-41',
    );
    await userEvent.click(waive);
    expect(api.updatePostmortem).toHaveBeenCalledWith('pm-1', {
      version: 4,
      status: 'waived',
      waiverReason: 'Duplicate of INC-41',
    });
    await waitFor(() => expect(dialog).not.toBeInTheDocument());
    expect(await screen.findByText('Waived: Duplicate')).toBeInTheDocument();
  });
});
