import { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { Runbook } from '@firebreak/backstage-plugin-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
} from '../../__testUtils__/mockFirebreakApi';
import { FirebreakApi } from '../../api';
import { EntityRunbooksCard } from './EntityRunbooksCard';

jest.setTimeout(60_000);

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'payments-api' },
  spec: { type: 'service', owner: 'payments' },
};

const stored: Runbook = {
  id: 'rb-1',
  title: 'Payments API 5xx',
  body: 'Look at the dashboard',
  steps: [
    { id: 's1', title: 'Check errors' },
    { id: 's2', title: 'Roll back' },
  ],
  ownerRef: 'group:default/payments',
  entityRefs: ['component:default/payments-api'],
  severities: [],
  version: 2,
  latestVersion: 2,
  createdAt: '2026-11-20T10:00:00.000Z',
  createdBy: 'user:default/alice',
};

function apiWith(overrides: Partial<FirebreakApi> = {}) {
  return mockFirebreakApi({
    listEntityRunbooks: jest.fn(async () => ({
      items: [
        {
          source: 'link' as const,
          title: 'Grafana',
          url: 'https://grafana.example.com/d/payments',
        },
        {
          source: 'stored' as const,
          id: 'rb-1',
          title: 'Payments API 5xx',
          version: 2,
          ownerRef: 'group:default/payments',
          severities: [],
        },
      ],
    })),
    getRunbook: jest.fn(async () => stored),
    ...overrides,
  });
}

async function renderCard(
  api: FirebreakApi,
  permission: Parameters<typeof testApis>[1] = AuthorizeResult.ALLOW,
) {
  await renderInTestApp(
    <TestApiProvider apis={testApis(api, permission)}>
      <EntityProvider entity={entity}>
        <EntityRunbooksCard />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes },
  );
}

describe('EntityRunbooksCard', () => {
  it('lists links and stored runbooks, and stores a new one with steps in order for the owner team', async () => {
    const api = apiWith({ createRunbook: jest.fn(async () => stored) });
    await renderCard(api);
    expect(api.listEntityRunbooks).toHaveBeenCalledWith(
      'component:default/payments-api',
    );
    expect(
      await screen.findByRole('link', { name: /Grafana/ }),
    ).toHaveAttribute('target', '_blank');
    await userEvent.click(
      await screen.findByRole('button', { name: 'New runbook' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.type(within(dialog).getByLabelText(/Title/), 'DB failover');
    await userEvent.type(
      within(dialog).getByLabelText('Body (Markdown)'),
      'Fail over **now**',
    );
    await userEvent.click(within(dialog).getByText('Add step'));
    await userEvent.type(within(dialog).getByLabelText('Step 1'), 'First');
    await userEvent.click(within(dialog).getByText('Add step'));
    await userEvent.type(within(dialog).getByLabelText('Step 2'), 'Second');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Move step 2 up' }),
    );
    await userEvent.click(within(dialog).getByText('Add step'));
    await userEvent.type(within(dialog).getByLabelText('Step 3'), 'Dropped');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Remove step 3' }),
    );
    await userEvent.click(within(dialog).getByLabelText('SEV1'));
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.createRunbook).toHaveBeenCalledWith({
        title: 'DB failover',
        body: 'Fail over **now**',
        ownerRef: 'group:default/payments',
        entityRefs: ['component:default/payments-api'],
        severities: ['SEV1'],
        steps: [{ title: 'Second' }, { title: 'First' }],
      }),
    );
  });

  it('saves an edit against its version, and on 409 reloads the newest version and says so', async () => {
    const newer = {
      ...stored,
      title: 'Renamed by Bob',
      version: 3,
      latestVersion: 3,
    };
    const getRunbook = jest
      .fn()
      .mockResolvedValueOnce(stored)
      .mockResolvedValueOnce(newer);
    const conflict = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'ConflictError', message: 'stale version' },
          response: { statusCode: 409 },
        }),
        { status: 409, headers: { 'Content-Type': 'application/json' } },
      ) as any,
    );
    const api = apiWith({
      getRunbook,
      updateRunbook: jest.fn(async () => {
        throw conflict;
      }),
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Edit Payments API 5xx' }),
    );
    const dialog = await screen.findByRole('dialog');
    const title = within(dialog).getByLabelText(/Title/);
    expect(title).toHaveValue('Payments API 5xx');
    await userEvent.type(title, ' (mine)');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(api.updateRunbook).toHaveBeenCalledWith(
        'rb-1',
        expect.objectContaining({
          version: 2,
          title: 'Payments API 5xx (mine)',
          steps: [
            { id: 's1', title: 'Check errors' },
            { id: 's2', title: 'Roll back' },
          ],
        }),
      ),
    );
    expect(
      await within(dialog).findByText(
        /Someone saved version 3 of this runbook/,
      ),
    ).toBeInTheDocument();
    expect(within(dialog).getByLabelText(/Title/)).toHaveValue(
      'Renamed by Bob',
    );
    expect(api.updateRunbook).toHaveBeenCalledTimes(1);
  });

  it('shows the history, and a version body renders inert', async () => {
    const api = apiWith({
      listRunbookVersions: jest.fn(async () => ({
        items: [
          {
            version: 2,
            title: 'Payments API 5xx',
            createdAt: stored.createdAt,
            createdBy: 'user:default/bob',
          },
          {
            version: 1,
            title: 'Payments 5xx',
            createdAt: stored.createdAt,
            createdBy: 'user:default/alice',
          },
        ],
      })),
      getRunbook: jest.fn(async () => ({
        ...stored,
        version: 1,
        body: 'Old text <img src=x onerror="window.pwned=1"> [x](javascript:alert(1))',
      })),
    });
    await renderCard(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'History' }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      await within(dialog).findByText('Version 1: Payments 5xx'),
    );
    expect(api.getRunbook).toHaveBeenCalledWith('rb-1', 1);
    expect(await within(dialog).findByText(/Old text/)).toBeInTheDocument();
    expect(document.querySelector('[onerror]')).toBeNull();
    expect(document.querySelector('a[href^="javascript" i]')).toBeNull();
  });
});
