import { mockServices } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { ActionItemNotifier } from './ActionItemNotifier';
import { ActionItemRecord } from './ActionItemStore';

const record: ActionItemRecord = {
  id: 'b7f6a8a4-3f43-4a5e-9a0e-0d6a4c1f2b11',
  title: 'Alert on pool saturation',
  description: '',
  type: 'detect',
  priority: 'P1',
  status: 'open',
  ownerRef: 'user:default/bob',
  ownerGroupRef: 'group:default/payments',
  entityRef: 'component:default/payments-api',
  incidentId: 'a1',
  incidentRef: 'INC-7',
  postmortemId: null,
  runbookId: null,
  dueAt: null,
  completedAt: null,
  wontDoReason: null,
  ticketUrl: null,
  ticketExporterId: null,
  ticketExternalId: null,
  creatorRef: 'user:default/alice',
  createdAt: new Date(0),
  updatedAt: new Date(0),
  version: 1,
};

function notifierWith(send: () => Promise<void>) {
  const logger = mockServices.logger.mock();
  const notifier = new ActionItemNotifier({
    notifications: { send: jest.fn(send) },
    notifiers: [],
    catalog: catalogServiceMock({ entities: [] }),
    auth: mockServices.auth(),
    logger,
  });
  return { notifier, logger };
}

describe('ActionItemNotifier.ownerChanged', () => {
  it('logs a notice it could not send, and does not throw', async () => {
    const { notifier, logger } = notifierWith(async () => {
      throw new Error('notifications are down');
    });
    await expect(
      notifier.ownerChanged(record, 'user:default/alice', async () => ({
        ref: 'INC-7',
        title: 'Card payments fail',
      })),
    ).resolves.toBeUndefined();
    expect(logger.warn).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Could not tell user:default\/bob they own action item b7f6a8a4-.*notifications are down/,
      ),
    );
  });

  it('reads nothing and sends nothing when owners give items to themselves', async () => {
    const send = jest.fn(async () => {});
    const { notifier } = notifierWith(send);
    const incident = jest.fn();
    await notifier.ownerChanged(record, 'User:default/Bob', incident);
    expect(incident).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });
});
