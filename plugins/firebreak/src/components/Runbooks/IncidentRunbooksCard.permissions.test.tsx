import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import { renderInTestApp, TestApiProvider } from '@backstage/test-utils';
import { firebreakActionItemCreatePermission } from '@firebreak/backstage-plugin-common';
import { screen, waitFor } from '@testing-library/react';
import {
  mockFirebreakApi,
  mountedRoutes,
  testApis,
  testIncident,
} from '../../__testUtils__/mockFirebreakApi';
import { IncidentRunbooksCard } from './IncidentRunbooksCard';
import { UPDATE_RUNBOOK_DENIED_REASON } from './UpdateRunbookButton';

// Its own file: permission answers are cached for the life of the module.
jest.setTimeout(60_000);

describe('IncidentRunbooksCard without leave to add action items', () => {
  it('disables "Update this runbook" with the reason', async () => {
    const api = mockFirebreakApi({
      getIncidentRunbooks: jest.fn(async () => ({
        incidentId: testIncident.id,
        severity: 'SEV2',
        items: [
          {
            source: 'link' as const,
            title: 'Payments wiki runbook',
            url: 'https://wiki.example.com/payments',
            entityRefs: ['component:default/payments-api'],
          },
        ],
      })),
      createActionItem: jest.fn(),
    });
    // Only adding action items is denied.
    const permission = jest.fn((request: EvaluatePermissionRequest) =>
      request.permission.name === firebreakActionItemCreatePermission.name
        ? AuthorizeResult.DENY
        : AuthorizeResult.ALLOW,
    );
    await renderInTestApp(
      <TestApiProvider apis={testApis(api, permission)}>
        <IncidentRunbooksCard incident={testIncident} canUpdate />
      </TestApiProvider>,
      { mountedRoutes },
    );
    const button = await screen.findByRole('button', {
      name: 'Update this runbook: Payments wiki runbook',
    });
    await waitFor(() =>
      expect(button).toHaveAttribute('title', UPDATE_RUNBOOK_DENIED_REASON),
    );
    expect(button).toBeDisabled();
    expect(permission).toHaveBeenCalledWith(
      expect.objectContaining({ resourceRef: testIncident.id }),
    );
    expect(api.createActionItem).not.toHaveBeenCalled();
  });
});
