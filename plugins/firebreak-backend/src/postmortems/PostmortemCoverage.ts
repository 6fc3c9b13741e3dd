import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ConflictError,
  NotAllowedError,
  NotFoundError,
} from '@backstage/errors';
import {
  AttachPostmortemIncidentRequest,
  firebreakPostmortemUpdatePermission,
  Incident,
  Postmortem,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import { actorRefOf } from '../incidents/IncidentAccess';
import { PostmortemAccess, PostmortemIncidents } from './PostmortemAccess';
import { PostmortemCoverageStore } from './PostmortemCoverageStore';
import { PostmortemNotifier } from './PostmortemNotifier';
import { PostmortemStore, staleVersion } from './PostmortemStore';

/** What a postmortem's page and checks read of the incidents it covers. @internal */
export interface CoveredIncidents {
  /** The covered incidents besides the primary one that the caller may read. */
  others: Incident[];
  /** The timelines of the primary incident and of `others`, merged oldest first. */
  timeline: TimelineEvent[];
}

/**
 * One postmortem covering several incidents: attaching another incident (one with no
 * postmortem of its own) and detaching it again, and reading what the covered incidents bring
 * (their timelines). Changing what a postmortem covers takes the permission to update it and
 * the permission to update the postmortem of the incident attached or detached; the primary
 * incident is never detached. A published or waived postmortem covers what it covers until it
 * is reopened.
 *
 * @internal
 */
export class PostmortemCoverage {
  constructor(
    private readonly deps: {
      store: PostmortemStore;
      coverageStore: PostmortemCoverageStore;
      access: PostmortemAccess;
      incidents: PostmortemIncidents;
      notifier: PostmortemNotifier;
      now: () => Date;
    },
  ) {}

  /** The covered incidents besides the primary one that the caller may read. */
  async others(
    postmortem: Postmortem,
    credentials: BackstageCredentials,
  ): Promise<Incident[]> {
    const others: Incident[] = [];
    for (const id of postmortem.coveredIncidentIds) {
      if (id === postmortem.incidentId) continue;
      try {
        others.push(await this.deps.incidents.get(id, credentials));
      } catch (error) {
        // An incident the caller may not read (or just deleted) is left out of what they see.
        if (
          error instanceof NotAllowedError ||
          error instanceof NotFoundError
        ) {
          continue;
        }
        throw error;
      }
    }
    return others;
  }

  /** The other covered incidents the caller may read, and every readable timeline merged. */
  async read(
    postmortem: Postmortem,
    primary: Incident,
    credentials: BackstageCredentials,
  ): Promise<CoveredIncidents> {
    const others = await this.others(postmortem, credentials);
    const timelines = await Promise.all(
      [primary, ...others].map(i =>
        this.deps.incidents.timeline(i.id, credentials),
      ),
    );
    // A stable sort: events at the same instant keep their incident's order.
    const timeline = timelines
      .flat()
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return { others, timeline };
  }

  /** Attaches another incident, which must have no postmortem of its own. */
  async attach(
    id: string,
    input: AttachPostmortemIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<{ postmortem: Postmortem; incident: Incident }> {
    const {
      current,
      incident,
      other: attached,
    } = await this.readForCoverageChange(id, input.incidentRef, credentials);
    this.requireOpen(current);
    if (current.version !== input.version) {
      throw staleVersion(input.version, current.version);
    }
    if (current.coveredIncidentIds.includes(attached.id)) {
      throw new ConflictError(
        `incidentRef: the postmortem already covers ${attached.ref}`,
      );
    }
    const own = await this.deps.store.getByIncident(attached.id);
    if (own) {
      throw new ConflictError(
        `incidentRef: ${attached.ref} has a postmortem already (${
          own.incidentId === attached.id
            ? 'its own'
            : `the postmortem of ${own.incidentRef}`
        }); only an incident without one can be attached`,
      );
    }
    const postmortem = await this.deps.coverageStore.attach(
      current.id,
      input.version,
      attached.id,
      actorRefOf(credentials),
      this.deps.now(),
    );
    await this.deps.notifier.changed(postmortem);
    return { postmortem, incident };
  }

  /** Detaches an attached incident, dropping the starred events of its timeline. */
  async detach(
    id: string,
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ postmortem: Postmortem; incident: Incident }> {
    const {
      current,
      incident,
      other: detached,
    } = await this.readForCoverageChange(id, idOrRef, credentials);
    if (detached.id === current.incidentId) {
      throw new ConflictError(
        `${detached.ref} is the postmortem's own incident, which it always covers; only attached incidents can be detached`,
      );
    }
    if (!current.coveredIncidentIds.includes(detached.id)) {
      throw new NotFoundError(
        `The postmortem of ${current.incidentRef} does not cover ${detached.ref}`,
      );
    }
    this.requireOpen(current);
    const events = await this.deps.incidents.timeline(detached.id, credentials);
    const postmortem = await this.deps.coverageStore.detach(
      current.id,
      detached.id,
      new Set(events.map(e => e.id)),
      this.deps.now(),
    );
    await this.deps.notifier.changed(postmortem, [detached.id]);
    return { postmortem, incident };
  }

  /**
   * The postmortem, its primary incident, and the other incident to attach or detach, once the
   * caller may update both the postmortem and the other incident's postmortem.
   */
  private async readForCoverageChange(
    id: string,
    otherIdOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ current: Postmortem; incident: Incident; other: Incident }> {
    const { postmortem: current, incident } = await this.deps.access.read(
      id,
      credentials,
      firebreakPostmortemUpdatePermission,
    );
    const other = await this.deps.incidents.get(otherIdOrRef, credentials);
    await this.deps.access.authorize(
      firebreakPostmortemUpdatePermission,
      credentials,
      other,
    );
    return { current, incident, other };
  }

  /** What a published or waived postmortem covers changes only once it is reopened. */
  private requireOpen(postmortem: Postmortem) {
    if (postmortem.status === 'published' || postmortem.status === 'waived') {
      throw new ConflictError(
        `The postmortem is ${postmortem.status}: reopen it (status: draft) to change which incidents it covers`,
      );
    }
  }
}
