import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  FIREBREAK_INCIDENTS_SIGNAL_CHANNEL,
  firebreakIncidentSignalChannel,
  FirebreakIncidentSignal,
  Incident,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import { NewTimelineEvent } from './IncidentStore';

/** The signal channel of one incident: open incident pages listen on it. */
const incidentChannel = firebreakIncidentSignalChannel;

/** The channel every incident change is announced on, for lists and the status board. */
const INCIDENTS_CHANNEL = FIREBREAK_INCIDENTS_SIGNAL_CHANNEL;

/**
 * Tells people and open pages about incidents: signals so pages refresh, and Backstage
 * notifications to the commander and subscribers on declare, status changes and status updates.
 * A failure to notify is logged and never fails the change that caused it.
 *
 * @internal
 */
export class IncidentNotifier {
  constructor(
    private readonly deps: {
      signals?: SignalsService;
      notifications?: NotificationService;
      logger: LoggerService;
    },
  ) {}

  async declared(incident: Incident, actorRef: string) {
    await this.signal(incident, 'declared');
    await this.notify(incident, actorRef, {
      title: `${incident.ref} declared: ${incident.title}`,
      description: `${incident.severity} (${
        incident.priority
      }) impacting ${incident.entityRefs.join(', ')}.`,
      severity: incident.severity === 'SEV1' ? 'critical' : 'high',
    });
  }

  async changed(
    before: Incident,
    after: Incident,
    events: NewTimelineEvent[],
    actorRef: string,
  ) {
    await this.signal(after, 'updated');
    const statusChange = events.find(e => e.type === 'status_changed');
    if (statusChange) {
      await this.notify(after, actorRef, {
        title: `${after.ref} is ${after.status}: ${after.title}`,
        description: `Status changed from ${before.status} to ${after.status}.`,
        severity: 'normal',
      });
    }
  }

  async posted(incident: Incident, event: TimelineEvent) {
    await this.signal(incident, 'timeline');
    if (event.type === 'status_update') {
      await this.notify(incident, event.actorRef, {
        title: `${incident.ref} update: ${incident.title}`,
        description: event.data.text,
        severity: 'normal',
      });
    }
  }

  /** Pages of an incident changed (paged, escalated, acknowledged): refresh open pages. */
  async pagesChanged(incidentId: string) {
    if (!this.deps.signals) return;
    const message: FirebreakIncidentSignal = { kind: 'paging', incidentId };
    try {
      await Promise.all([
        this.deps.signals.publish({
          recipients: { type: 'broadcast' },
          channel: incidentChannel(incidentId),
          message,
        }),
        this.deps.signals.publish({
          recipients: { type: 'broadcast' },
          channel: INCIDENTS_CHANNEL,
          message,
        }),
      ]);
    } catch (error) {
      this.deps.logger.warn(`Could not signal ${incidentId}: ${error}`);
    }
  }

  private async signal(incident: Incident, kind: string) {
    if (!this.deps.signals) return;
    const message: FirebreakIncidentSignal = {
      kind,
      incidentId: incident.id,
      version: incident.version,
    };
    try {
      await Promise.all([
        this.deps.signals.publish({
          recipients: { type: 'broadcast' },
          channel: incidentChannel(incident.id),
          message,
        }),
        this.deps.signals.publish({
          recipients: { type: 'broadcast' },
          channel: INCIDENTS_CHANNEL,
          message,
        }),
      ]);
    } catch (error) {
      this.deps.logger.warn(`Could not signal ${incident.ref}: ${error}`);
    }
  }

  private async notify(
    incident: Incident,
    actorRef: string,
    payload: {
      title: string;
      description: string;
      severity: 'critical' | 'high' | 'normal';
    },
  ) {
    if (!this.deps.notifications) return;
    const recipients = [
      ...new Set([
        ...Object.values(incident.roles).filter(Boolean),
        ...incident.subscribers,
      ]),
    ];
    if (recipients.length === 0) return;
    try {
      await this.deps.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: recipients,
          excludeEntityRef: actorRef,
        },
        payload: {
          ...payload,
          link: `/firebreak/incidents/${incident.ref}`,
          topic: `firebreak:${incident.ref}`,
          scope: `firebreak:${incident.id}`,
        },
      });
    } catch (error) {
      this.deps.logger.warn(`Could not notify about ${incident.ref}: ${error}`);
    }
  }
}
