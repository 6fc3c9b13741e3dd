import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A message Firebreak wants delivered to people: a page, an escalation, a status update.
 *
 * @public
 */
export interface FirebreakNotification {
  /** Entity refs of the users or groups to reach. */
  recipients: string[];
  title: string;
  description?: string;
  /** Link back into the portal, relative to the app's base URL. */
  link?: string;
  /** Whether this is a page that wakes someone up, or information. */
  urgency: 'page' | 'info';
  /** Stable key: a notifier seeing the same key twice must deliver only once. */
  deduplicationKey: string;
}

/**
 * Delivers Firebreak notifications on a channel other than Backstage notifications
 * (chat, SMS, phone). Backstage notifications are always sent.
 *
 * @public
 */
export interface FirebreakNotifier {
  /** Short identifier used in logs and on the incident timeline, such as `slack`. */
  readonly id: string;
  notify(notification: FirebreakNotification): Promise<void>;
}

/**
 * Lets backend modules add notifiers to Firebreak.
 *
 * @public
 */
export interface FirebreakNotifierExtensionPoint {
  addNotifier(...notifiers: FirebreakNotifier[]): void;
}

/**
 * Extension point through which backend modules add notifiers to Firebreak.
 *
 * @public
 */
export const firebreakNotifierExtensionPoint =
  createExtensionPoint<FirebreakNotifierExtensionPoint>({
    id: 'firebreak.notifiers',
  });
