import { NotificationService } from '@backstage/plugin-notifications-node';
import { FirebreakNotifier } from '@firebreak/backstage-plugin-node';
import { notifyPerson } from './notifyPerson';

const message = {
  title: 'Paged: INC-1 SEV1 — Checkout down',
  description: 'You are on call',
  link: '/firebreak/incidents/INC-1',
  severity: 'critical' as const,
  topic: 'firebreak:page',
  scope: 'firebreak:page:p1:1:1',
  urgency: 'page' as const,
};

function notifier(fails = false): FirebreakNotifier & { notify: jest.Mock } {
  return {
    id: fails ? 'chat' : 'phone',
    notify: jest.fn(async () => {
      if (fails) {
        throw new Error('chat is down');
      }
    }),
  };
}

describe('notifyPerson', () => {
  it('still reaches the notifiers when Backstage notifications fail, then reports the failure', async () => {
    const notifications = {
      send: jest.fn().mockRejectedValue(new Error('404 Not Found')),
    } as unknown as NotificationService;
    const chat = notifier();
    const phone = notifier();

    await expect(
      notifyPerson(
        { notifications, notifiers: [chat, phone] },
        'user:default/alice',
        message,
      ),
    ).rejects.toThrow(/Backstage notifications: Error: 404 Not Found/);

    for (const n of [chat, phone]) {
      expect(n.notify).toHaveBeenCalledWith(
        expect.objectContaining({
          recipients: ['user:default/alice'],
          deduplicationKey: 'firebreak:page:p1:1:1:user:default/alice',
        }),
      );
    }
  });

  it('tries every notifier when one fails, and resolves when all succeed', async () => {
    const notifications = {
      send: jest.fn().mockResolvedValue(undefined),
    } as unknown as NotificationService;
    const broken = notifier(true);
    const working = notifier();

    await expect(
      notifyPerson(
        { notifications, notifiers: [broken, working] },
        'user:default/alice',
        message,
      ),
    ).rejects.toThrow(/notifier chat: Error: chat is down/);
    expect(working.notify).toHaveBeenCalledTimes(1);
    expect(notifications.send).toHaveBeenCalledWith({
      recipients: { type: 'entity', entityRef: 'user:default/alice' },
      payload: expect.objectContaining({ scope: 'firebreak:page:p1:1:1' }),
    });

    await expect(
      notifyPerson(
        { notifications, notifiers: [working] },
        'user:default/alice',
        message,
      ),
    ).resolves.toBeUndefined();
  });
});
