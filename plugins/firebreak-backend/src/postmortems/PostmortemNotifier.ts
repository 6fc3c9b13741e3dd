import { LoggerService } from '@backstage/backend-plugin-api';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  firebreakIncidentSignalChannel,
  FirebreakIncidentSignal,
  Incident,
  Postmortem,
} from '@firebreak/backstage-plugin-common';

/**
 * Tells open pages and people about postmortems: a `postmortem` signal on each covered
 * incident's channel for every change; notifications to the owner on creation (and before it is due),
 * to the reviewers when it goes into review (the explicit reviewers, else the owning team),
 * and to the covered incidents' subscribers and participants when it is published. A failure to tell
 * is logged and never fails the change.
 *
 * @internal
 */
export class PostmortemNotifier {
  constructor(
    private readonly deps: {
      signals?: SignalsService;
      notifications?: NotificationService;
      logger: LoggerService;
    },
  ) {}

  /**
   * Signals every covered incident's page, and those of `alsoIncidentIds` (an incident just
   * detached), that the postmortem changed.
   */
  async changed(postmortem: Postmortem, alsoIncidentIds: string[] = []) {
    if (!this.deps.signals) return;
    const incidentIds = new Set([
      ...postmortem.coveredIncidentIds,
      ...alsoIncidentIds,
    ]);
    for (const incidentId of incidentIds) {
      const message: FirebreakIncidentSignal = {
        kind: 'postmortem',
        incidentId,
      };
      try {
        await this.deps.signals.publish({
          recipients: { type: 'broadcast' },
          channel: firebreakIncidentSignalChannel(incidentId),
          message,
        });
      } catch (error) {
        this.deps.logger.warn(
          `Could not signal postmortem ${postmortem.id}: ${error}`,
        );
      }
    }
  }

  async created(postmortem: Postmortem, title: string, actorRef: string) {
    await this.changed(postmortem);
    await this.notify(postmortem, [postmortem.ownerRef], actorRef, {
      title: `Postmortem to write: ${postmortem.incidentRef}`,
      description: `You own the postmortem of ${
        postmortem.incidentRef
      } (${title})${postmortem.dueAt ? `, due ${postmortem.dueAt}` : ''}.`,
    });
  }

  async inReview(postmortem: Postmortem, actorRef: string) {
    const reviewers = postmortem.reviewerRefs.length
      ? postmortem.reviewerRefs
      : [postmortem.ownerGroupRef].filter((r): r is string => Boolean(r));
    await this.notify(postmortem, reviewers, actorRef, {
      title: `Postmortem to review: ${postmortem.incidentRef}`,
      description: `The postmortem of ${postmortem.incidentRef} is ready for review.`,
    });
  }

  /** Tells the people of every covered incident (the primary one first) that it is published. */
  async published(
    postmortem: Postmortem,
    incidents: Incident[],
    actorRef: string,
  ) {
    const [incident] = incidents;
    const audience = incidents.flatMap(i => [
      ...i.subscribers,
      ...i.responders,
      ...Object.values(i.roles),
      i.reporterRef,
    ]);
    await this.notify(postmortem, audience, actorRef, {
      title: `Postmortem published: ${incident.ref}`,
      description: `The postmortem of ${incident.ref} (${incident.title}) is published.`,
    });
  }

  /** The owner's reminder before the due date; throws when it could not be sent. */
  async dueSoon(postmortem: { id: string; ownerRef: string; dueAt: Date }) {
    if (!this.deps.notifications) return;
    await this.deps.notifications.send({
      recipients: { type: 'entity', entityRef: postmortem.ownerRef },
      payload: {
        title: 'Postmortem due soon',
        description: `A postmortem you own is due ${postmortem.dueAt.toISOString()}.`,
        link: `/firebreak/postmortems/${postmortem.id}`,
        severity: 'normal',
        topic: 'firebreak:postmortem',
        scope: `firebreak:postmortem-due:${postmortem.id}`,
      },
    });
  }

  private async notify(
    postmortem: Postmortem,
    recipients: string[],
    actorRef: string,
    payload: { title: string; description: string },
  ) {
    const unique = [...new Set(recipients)];
    if (!this.deps.notifications || unique.length === 0) return;
    try {
      await this.deps.notifications.send({
        recipients: {
          type: 'entity',
          entityRef: unique,
          excludeEntityRef: actorRef,
        },
        payload: {
          ...payload,
          link: `/firebreak/postmortems/${postmortem.id}`,
          severity: 'normal',
          topic: 'firebreak:postmortem',
          scope: `firebreak:postmortem:${postmortem.id}:${postmortem.status}`,
        },
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not notify about postmortem ${postmortem.id}: ${error}`,
      );
    }
  }
}
