import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  firebreakIncidentUpdatePermission,
  Incident,
  isActiveStatus,
} from '@firebreak/backstage-plugin-common';
import { FirebreakSettings } from '../config/FirebreakSettings';
import { EscalationEngine } from '../paging/EscalationEngine';
import { actorRefOf, IncidentAccess } from './IncidentAccess';
import { isMajorSeverity } from './IncidentClassification';
import { IncidentEntities } from './IncidentEntities';

/**
 * An incident's pages as its responders see them: acknowledging, escalating by hand, listing,
 * and how a change of the incident starts or stops paging.
 *
 * @internal
 */
export class IncidentPaging {
  constructor(
    private readonly deps: {
      access: IncidentAccess;
      entities: IncidentEntities;
      settings: FirebreakSettings;
      /** Pages the on-call; without it, changes page nobody and the paging calls fail. */
      paging?: EscalationEngine;
    },
  ) {}

  /**
   * An incident that needs nobody any more stops paging; one raised to a major severity while
   * nobody is being paged pages its on-call.
   */
  async afterChange(
    before: Incident,
    after: Incident,
    credentials: BackstageCredentials,
  ) {
    const paging = this.deps.paging;
    if (!paging) {
      return;
    }
    if (!isActiveStatus(after.status)) {
      await paging.cancel(after.id);
      return;
    }
    const wasMajor = isMajorSeverity(this.deps.settings, before.severity);
    const isMajor = isMajorSeverity(this.deps.settings, after.severity);
    if (isMajor && !wasMajor) {
      const { catalogEntities } =
        await this.deps.entities.resolveImpactedEntities(
          after.entityRefs,
          'entityRefs',
          credentials,
        );
      await paging.startIfIdle(after, catalogEntities, 'severity');
      paging.kick();
    }
  }

  /** Stops the escalation of an incident's pages: someone has it. */
  async acknowledge(idOrRef: string, credentials: BackstageCredentials) {
    const { access } = this.deps;
    const incident = await access.read(idOrRef, credentials);
    const paging = this.requirePaging();
    const actorRef = actorRefOf(credentials);
    if (!(await paging.wasNotified(incident.id, actorRef))) {
      await access.authorize(
        firebreakIncidentUpdatePermission,
        credentials,
        incident,
      );
    }
    const acknowledged = await paging.acknowledge(incident.id, actorRef);
    return {
      acknowledged,
      incident: await access.read(incident.id, credentials),
    };
  }

  /** Pages the next level now, or the on-call again when nobody is being paged. */
  async escalate(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.deps.access.readToUpdate(idOrRef, credentials);
    if (!isActiveStatus(incident.status)) {
      throw new InputError(
        `idOrRef: ${incident.ref} is ${incident.status}; reopen it to page anyone`,
      );
    }
    const paging = this.requirePaging();
    const { catalogEntities } =
      await this.deps.entities.resolveImpactedEntities(
        incident.entityRefs,
        'entityRefs',
        credentials,
      );
    const moved = await paging.escalateNow(
      incident,
      catalogEntities,
      actorRefOf(credentials),
    );
    paging.kick();
    return { escalated: moved };
  }

  /** The pages of an incident: who was paged, who acknowledged, what is due next. */
  async pages(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.deps.access.read(idOrRef, credentials);
    return this.requirePaging().listPages(incident.id);
  }

  private requirePaging() {
    if (!this.deps.paging) {
      throw new Error('Paging is not set up');
    }
    return this.deps.paging;
  }
}
