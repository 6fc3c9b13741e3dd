import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
} from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AttachPostmortemIncidentRequest,
  computeKeyDurations,
  computePostmortemDueAt,
  FIREBREAK_TIME_ZONE_ANNOTATION,
  firebreakPostmortemCreatePermission,
  firebreakPostmortemReadPermission,
  Incident,
  Postmortem,
  PostmortemDetails,
  PostmortemMilestone,
  TimelineEvent,
  UpdatePostmortemRequest,
} from '@firebreak/backstage-plugin-common';
import { randomUUID } from 'node:crypto';
import { PostmortemSettings } from '../config/PostmortemSettings';
import { actorRefOf } from '../incidents/IncidentAccess';
import { lowerRef } from '../refs';
import { PostmortemAccess, PostmortemIncidents } from './PostmortemAccess';
import { PostmortemCoverage } from './PostmortemCoverage';
import { PostmortemCoverageStore } from './PostmortemCoverageStore';
import { PostmortemEditing } from './PostmortemEditing';
import { postmortemMarkdown } from './PostmortemMarkdown';
import { PostmortemNotifier } from './PostmortemNotifier';
import { PostmortemStore } from './PostmortemStore';
import { runbooksUsed } from './RunbooksUsed';

const DONE = ['published', 'waived'];

/**
 * The rules of postmortems: starting one (by hand, or when an incident that requires one is
 * resolved), reading it with what its page needs, editing and approving it, changing which
 * incidents it covers, exporting it, and refusing to close an incident (any it covers) whose
 * required postmortem is neither published nor waived.
 *
 * @internal
 */
export class PostmortemService {
  private readonly access: PostmortemAccess;
  private readonly editing: PostmortemEditing;
  private readonly coverage: PostmortemCoverage;

  constructor(
    private readonly deps: {
      store: PostmortemStore;
      coverageStore: PostmortemCoverageStore;
      incidents: PostmortemIncidents;
      permissions: PermissionsService;
      catalog: CatalogService;
      auth: AuthService;
      settings: PostmortemSettings;
      notifier: PostmortemNotifier;
      logger: LoggerService;
      now: () => Date;
    },
  ) {
    this.access = new PostmortemAccess(deps);
    this.coverage = new PostmortemCoverage({ ...deps, access: this.access });
    this.editing = new PostmortemEditing({
      ...deps,
      access: this.access,
      coverage: this.coverage,
    });
  }

  /** Starts the postmortem of an incident the caller may read; a 409 if it has one. */
  async create(
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const incident = await this.deps.incidents.get(idOrRef, credentials);
    await this.access.authorize(
      firebreakPostmortemCreatePermission,
      credentials,
      incident,
    );
    const postmortem = await this.start(incident, actorRefOf(credentials));
    return this.details(postmortem, incident, credentials);
  }

  /** The postmortem covering an incident (its own or another's), or a 404 when none does. */
  async getForIncident(
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const incident = await this.deps.incidents.get(idOrRef, credentials);
    await this.access.authorize(
      firebreakPostmortemReadPermission,
      credentials,
      incident,
    );
    const postmortem = await this.deps.store.getByIncident(incident.id);
    if (!postmortem) {
      throw new NotFoundError(`${incident.ref} has no postmortem`);
    }
    if (postmortem.incidentId === incident.id) {
      return this.details(postmortem, incident, credentials);
    }
    return this.get(postmortem.id, credentials);
  }

  async get(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const { postmortem, incident } = await this.access.read(id, credentials);
    return this.details(postmortem, incident, credentials);
  }

  async update(
    id: string,
    input: UpdatePostmortemRequest,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const { postmortem, incident } = await this.editing.update(
      id,
      input,
      credentials,
    );
    return this.details(postmortem, incident, credentials);
  }

  async approve(
    id: string,
    version: number,
    credentials: BackstageCredentials,
  ): Promise<{ postmortem: PostmortemDetails; created: boolean }> {
    const { postmortem, incident, created } = await this.editing.approve(
      id,
      version,
      credentials,
    );
    return {
      postmortem: await this.details(postmortem, incident, credentials),
      created,
    };
  }

  /** Covers one more incident, which has no postmortem of its own. */
  async attachIncident(
    id: string,
    input: AttachPostmortemIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const { postmortem, incident } = await this.coverage.attach(
      id,
      input,
      credentials,
    );
    return this.details(postmortem, incident, credentials);
  }

  /** Stops covering an attached incident; never the postmortem's own. */
  async detachIncident(
    id: string,
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const { postmortem, incident } = await this.coverage.detach(
      id,
      idOrRef,
      credentials,
    );
    return this.details(postmortem, incident, credentials);
  }

  /** The postmortem as Markdown, to paste elsewhere. */
  async exportMarkdown(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return postmortemMarkdown(await this.get(id, credentials));
  }

  /**
   * Refuses (409) to close an incident whose postmortem the rule requires while it is neither
   * published nor waived. Called by the incident's status flow before it writes.
   */
  async beforeClose(incident: Incident): Promise<void> {
    if (!this.deps.settings.requiredSeverities.includes(incident.severity)) {
      return;
    }
    const postmortem = await this.deps.store.getByIncident(incident.id);
    if (postmortem && DONE.includes(postmortem.status)) {
      return;
    }
    const whose =
      postmortem && postmortem.incidentId !== incident.id
        ? `the postmortem of ${postmortem.incidentRef} that covers it`
        : 'its postmortem';
    throw new ConflictError(
      `status: ${
        incident.ref
      } cannot be closed until ${whose} is published or waived (${
        incident.severity
      } incidents require one); ${
        postmortem
          ? `it is ${postmortem.status.replace('_', ' ')}`
          : 'none has been started'
      }`,
    );
  }

  /**
   * Starts the postmortem of an incident that requires one when it is resolved, or gives an
   * existing one its due date. Never fails the resolution: a failure is logged.
   */
  async afterResolve(incident: Incident, actorRef: string): Promise<void> {
    try {
      const existing = await this.deps.store.getByIncident(incident.id);
      if (existing) {
        // The due date runs from the primary incident, as the durations do.
        const own = existing.incidentId === incident.id;
        if (own && !existing.dueAt && incident.resolvedAt) {
          const dueAt = await this.dueAt(incident, existing.ownerGroupRef);
          if (dueAt) {
            await this.deps.store.setDueAt(existing.id, dueAt, this.deps.now());
          }
        }
        return;
      }
      if (this.deps.settings.requiredSeverities.includes(incident.severity)) {
        await this.start(incident, actorRef);
      }
    } catch (error) {
      if (error instanceof ConflictError) return; // Started by someone meanwhile.
      this.deps.logger.error(
        `Could not start the postmortem of ${incident.ref}: ${error}`,
      );
    }
  }

  private async start(
    incident: Incident,
    actorRef: string,
  ): Promise<Postmortem> {
    const { settings } = this.deps;
    const ownerGroupRef = await this.ownerGroupOf(incident);
    const now = this.deps.now();
    const postmortem = await this.deps.store.create({
      id: randomUUID(),
      incidentId: incident.id,
      status: 'draft',
      required: settings.requiredSeverities.includes(incident.severity),
      ownerRef: lowerRef(incident.roles.commander ?? actorRef),
      ownerGroupRef,
      reviewerRefs: [],
      sections: settings.template.map(section => ({
        id: section.id,
        title: section.title,
        body: section.body,
        ...(section.whys ? { whys: [] } : {}),
      })),
      starredEventIds: [],
      approvalsRequired: settings.approvalsRequired,
      dueAt: (await this.dueAt(incident, ownerGroupRef))?.toISOString(),
      createdAt: now.toISOString(),
      createdBy: actorRef,
    });
    await this.deps.notifier.created(postmortem, incident.title, actorRef);
    return postmortem;
  }

  /** The owner group of the incident's first impacted entity, read as the plugin. */
  private async ownerGroupOf(incident: Incident): Promise<string | undefined> {
    const first = incident.entityRefs[0];
    const entity = first ? await this.entity(first) : undefined;
    const owner = entity?.relations?.find(r => r.type === RELATION_OWNED_BY);
    return owner ? lowerRef(owner.targetRef) : undefined;
  }

  /** Resolved + the severity's rule, in the owner group's time zone (or UTC). */
  private async dueAt(
    incident: Incident,
    ownerGroupRef: string | undefined,
  ): Promise<Date | undefined> {
    const rule = this.deps.settings.due[incident.severity];
    if (!rule || !incident.resolvedAt) {
      return undefined;
    }
    const group = ownerGroupRef ? await this.entity(ownerGroupRef) : undefined;
    const timeZone =
      group?.metadata.annotations?.[FIREBREAK_TIME_ZONE_ANNOTATION] ?? 'UTC';
    return computePostmortemDueAt(
      new Date(incident.resolvedAt),
      rule,
      timeZone,
    );
  }

  private async entity(ref: string): Promise<Entity | undefined> {
    try {
      return await this.deps.catalog.getEntityByRef(parseEntityRef(ref), {
        credentials: await this.deps.auth.getOwnServiceCredentials(),
      });
    } catch (error) {
      this.deps.logger.warn(`Could not read ${ref} from the catalog: ${error}`);
      return undefined;
    }
  }

  private async details(
    postmortem: Postmortem,
    incident: Incident,
    credentials: BackstageCredentials,
  ): Promise<PostmortemDetails> {
    const { others, timeline } = await this.coverage.read(
      postmortem,
      incident,
      credentials,
    );
    // Durations are the primary incident's: covered incidents each have their own.
    const milestones = milestonesOf(
      incident,
      timeline.filter(e => e.incidentId === incident.id),
    );
    return {
      ...postmortem,
      incident: {
        id: incident.id,
        ref: incident.ref,
        title: incident.title,
        severity: incident.severity,
        status: incident.status,
        entityRefs: incident.entityRefs,
      },
      alsoCovers: others.map(i => ({
        id: i.id,
        ref: i.ref,
        title: i.title,
        severity: i.severity,
        status: i.status,
      })),
      milestones,
      keyDurations: computeKeyDurations(milestones),
      runbooksUsed: runbooksUsed(
        timeline,
        postmortem.status === 'published' ? postmortem.publishedAt : undefined,
      ),
      timeline,
      overdue:
        !DONE.includes(postmortem.status) &&
        !!postmortem.dueAt &&
        Date.parse(postmortem.dueAt) < this.deps.now().getTime(),
    };
  }
}

/**
 * The incident's milestones: what the incident model records (detection only when someone
 * recorded it), the first page from its timeline.
 */
function milestonesOf(
  incident: Incident,
  timeline: TimelineEvent[],
): Record<PostmortemMilestone, string | null> {
  return {
    impactStarted: incident.startedAt,
    detected: incident.detectedAt ?? null,
    declared: incident.declaredAt,
    firstPaged: timeline.find(e => e.type === 'paged')?.at ?? null,
    acknowledged: incident.acknowledgedAt ?? null,
    mitigated: incident.mitigatedAt ?? null,
    resolved: incident.resolvedAt ?? null,
  };
}
