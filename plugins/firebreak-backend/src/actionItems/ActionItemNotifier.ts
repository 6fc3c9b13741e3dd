import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { Incident } from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';
import { notifyPerson, PersonChannels } from '../notifyPerson';
import { lowerRef } from '../refs';
import { ActionItemRecord } from './ActionItemStore';
import { OwnerProfiles } from './OwnerProfiles';

/**
 * Tells people about action items: a notice to the owner when an item is made for them, or
 * handed to them, by someone else ("You own a follow-up: …"). It goes out after the change is
 * stored; a failure to tell is logged and never fails the change. (Open pages are told by
 * `ActionItemSignals`.)
 *
 * @internal
 */
export class ActionItemNotifier {
  constructor(
    private readonly deps: PersonChannels & {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

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
