import { ActionItem } from '@firebreak/backstage-plugin-common';

/** An action item for tests; override what the test is about. */
export function actionItem(overrides: Partial<ActionItem> = {}): ActionItem {
  return {
    id: 'ai-1',
    title: 'Alert on payment error rate',
    description: '',
    type: 'detect',
    priority: 'P1',
    status: 'open',
    ownerRef: 'user:default/bob',
    entityRef: 'component:default/payments-api',
    incidentId: '6f1c1c3e-0000-4000-8000-000000000001',
    incidentRef: 'INC-42',
    dueAt: '2026-12-10T12:00:00.000Z',
    overdue: false,
    creatorRef: 'user:default/alice',
    createdAt: '2026-11-21T10:00:00.000Z',
    updatedAt: '2026-11-21T10:00:00.000Z',
    version: 4,
    ...overrides,
  };
}
