import { LoggerService } from '@backstage/backend-plugin-api';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  FIREBREAK_ACTION_ITEMS_SIGNAL_CHANNEL,
  firebreakIncidentSignalChannel,
  FirebreakActionItemSignal,
} from '@firebreak/backstage-plugin-common';
import { ActionItemRecord } from './ActionItemStore';

/**
 * Tells open pages that an action item changed: lists of action items, and the page of the
 * item's incident. A failed signal is logged, never failing the change that was made.
 *
 * @internal
 */
export class ActionItemSignals {
  constructor(
    private readonly deps: { signals?: SignalsService; logger: LoggerService },
  ) {}

  async publish(kind: 'created' | 'updated', record: ActionItemRecord) {
    const signals = this.deps.signals;
    if (!signals) return;
    const message: FirebreakActionItemSignal = {
      kind,
      actionItemId: record.id,
      incidentId: record.incidentId,
      version: record.version,
    };
    try {
      await Promise.all([
        signals.publish({
          recipients: { type: 'broadcast' },
          channel: FIREBREAK_ACTION_ITEMS_SIGNAL_CHANNEL,
          message,
        }),
        signals.publish({
          recipients: { type: 'broadcast' },
          channel: firebreakIncidentSignalChannel(record.incidentId),
          message: { kind: 'action-item', incidentId: record.incidentId },
        }),
      ]);
    } catch (error) {
      this.deps.logger.warn(
        `Could not signal action item ${record.id}: ${error}`,
      );
    }
  }
}
