import { createExtensionPoint } from '@backstage/backend-plugin-api';

/**
 * A message Firebreak wants delivered to people: a page, an escalation, a status update.
 *
 * @public
 */
export interface FirebreakNotification {
  /** Entity refs of the users or groups to reach. */
  recipients: string[];
  /** One line saying what happened, such as the incident's reference and title. */
  title: string;
  /** Plain text with more detail, when there is any. */
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
  /**
   * Delivers one notification: resolves once the channel has accepted it, and rejects when it
   * could not be delivered.
   */
  notify(notification: FirebreakNotification): Promise<void>;
}

/**
 * Lets backend modules add notifiers to Firebreak.
 *
 * @public
 */
export interface FirebreakNotifierExtensionPoint {
  /** Adds notifiers; each one receives every notification Firebreak sends. */
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
