import {
  NotificationSendOptions,
  NotificationService,
} from '@backstage/plugin-notifications-node';
import {
  FirebreakNotification,
  FirebreakNotifier,
} from '@firebreak/backstage-plugin-node';

/**
 * Where Firebreak tells people things: Backstage notifications, and the notifiers that modules
 * added.
 *
 * @internal
 */
export interface PersonChannels {
  notifications?: NotificationService;
  notifiers: FirebreakNotifier[];
}

/**
 * Tells one person (or the members of one group) something through Backstage notifications
 * and every notifier, and throws if any of them failed (after trying all of them). A repeated
 * send with the same `scope` updates the Backstage notification instead of adding one, and
 * notifiers get a deduplication key made of the scope and the person. `excludeEntityRef`
 * leaves someone out of a group's Backstage notification (such as whoever caused it).
 *
 * @internal
 */
export async function notifyPerson(
  channels: PersonChannels,
  userRef: string,
  message: {
    title: string;
    description: string;
    link: string;
    severity: NotificationSendOptions['payload']['severity'];
    topic: string;
    scope: string;
    urgency: FirebreakNotification['urgency'];
  },
  options: { excludeEntityRef?: string } = {},
): Promise<void> {
  const { title, description, link, severity, topic, scope, urgency } = message;
  // Every channel is tried, whatever another one does: a notifications backend that is missing
  // or down must not keep a paging module from waking someone. A failure is thrown afterwards so
  // the caller tries again; the scope and the deduplication key keep channels that already
  // delivered from delivering twice.
  const failures: Array<{ channel: string; error: unknown }> = [];
  const attempt = async (channel: string, send: () => Promise<void>) => {
    try {
      await send();
    } catch (error) {
      failures.push({ channel, error });
    }
  };
  const notifications = channels.notifications;
  if (notifications) {
    await attempt('Backstage notifications', () =>
      notifications.send({
        recipients: {
          type: 'entity',
          entityRef: userRef,
          ...(options.excludeEntityRef
            ? { excludeEntityRef: options.excludeEntityRef }
            : {}),
        },
        payload: { title, description, link, severity, topic, scope },
      }),
    );
  }
  for (const notifier of channels.notifiers) {
    await attempt(`notifier ${notifier.id}`, () =>
      notifier.notify({
        recipients: [userRef],
        title,
        description,
        link,
        urgency,
        deduplicationKey: `${scope}:${userRef}`,
      }),
    );
  }
  if (failures.length > 0) {
    throw new AggregateError(
      failures.map(f => f.error),
      failures.map(f => `${f.channel}: ${String(f.error)}`).join('; '),
    );
  }
}
