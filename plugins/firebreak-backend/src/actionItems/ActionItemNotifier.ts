import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  FIREBREAK_ACTION_ITEMS_SIGNAL_CHANNEL,
  firebreakIncidentSignalChannel,
  FirebreakActionItemSignal,
  Incident,
} from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';
import { notifyPerson, PersonChannels } from '../notifyPerson';
import { lowerRef } from '../refs';
import { ActionItemRecord } from './ActionItemStore';
import { OwnerProfiles } from './OwnerProfiles';

/**
 * Tells open pages and people about action items: a signal on the action items' channel and
 * on the incident's for every change, and a notice to the owner when an item is made for them,
 * or handed to them, by someone else ("You own a follow-up: …"). Both go out after the change
 * is stored; a failure to tell is logged and never fails the change.
 *
 * @internal
 */
export class ActionItemNotifier {
  constructor(
    private readonly deps: PersonChannels & {
      signals?: SignalsService;
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  async changed(kind: string, record: ActionItemRecord) {
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

  /**
   * Tells the item's owner they own it now — unless they gave it to themself. A group owner's
   * members are told, bar the one who made the change. `incident` is only read when there is
   * someone to tell.
   */
  async ownerChanged(
    record: ActionItemRecord,
    actorRef: string,
    incident: () => Promise<Pick<Incident, 'ref' | 'title'>>,
  ) {
    const ownerRef = lowerRef(record.ownerRef);
    if (ownerRef === lowerRef(actorRef)) return;
    try {
      const { title } = await incident();
      const profiles = await OwnerProfiles.read(this.deps, [
        ownerRef,
        record.ownerGroupRef,
        actorRef,
      ]);
      const isGroup = OwnerProfiles.isGroup(ownerRef);
      const zone = profiles.timeZoneOf(ownerRef, record.ownerGroupRef);
      const due = record.dueAt
        ? `, due ${DateTime.fromJSDate(record.dueAt, { zone }).toFormat(
            'ccc d LLL yyyy',
            { locale: 'en-GB' },
          )}`
        : '';
      await notifyPerson(
        this.deps,
        ownerRef,
        {
          title: `${
            isGroup ? `${profiles.nameOf(ownerRef)} owns` : 'You own'
          } a follow-up: ${record.title} (${record.incidentRef})`,
          description: `${profiles.nameOf(actorRef)} made ${
            isGroup ? 'your team' : 'you'
          } the owner of this ${record.priority} follow-up of ${
            record.incidentRef
          } (${title})${due}.`,
          link: `/firebreak/incidents/${record.incidentRef}`,
          severity: 'normal',
          topic: 'firebreak:action-item',
          // Each hand-over is its own notice; a retry of the same one updates it in place.
          scope: `firebreak:action-owner:${record.id}:${record.version}`,
          urgency: 'info',
        },
        { excludeEntityRef: lowerRef(actorRef) },
      );
    } catch (error) {
      this.deps.logger.warn(
        `Could not tell ${ownerRef} they own action item ${record.id}: ${error}`,
      );
    }
  }
}
