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
 * Tells one person something through Backstage notifications and every notifier. A repeated
 * send with the same `scope` updates the Backstage notification instead of adding one, and
 * notifiers get a deduplication key made of the scope and the person.
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
): Promise<void> {
  const { title, description, link, severity, topic, scope, urgency } = message;
  if (channels.notifications) {
    await channels.notifications.send({
      recipients: { type: 'entity', entityRef: userRef },
      payload: { title, description, link, severity, topic, scope },
    });
  }
  for (const notifier of channels.notifiers) {
    await notifier.notify({
      recipients: [userRef],
      title,
      description,
      link,
      urgency,
      deduplicationKey: `${scope}:${userRef}`,
    });
  }
}
