import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  describeDetectionProblem,
  Incident,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';
import { FirebreakSettings } from '../config/FirebreakSettings';
import { lowerRef } from '../refs';
import { actorRefOf, IncidentAccess } from './IncidentAccess';
import { priorityOf, requireSeverity } from './IncidentClassification';
import { IncidentEntities } from './IncidentEntities';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentPaging } from './IncidentPaging';
import { IncidentRoleChanges } from './IncidentRoleChanges';
import { statusChange } from './IncidentStatusFlow';
import {
  IncidentChanges,
  IncidentStore,
  NewTimelineEvent,
} from './IncidentStore';
import { ResponsePlays } from './ResponsePlays';
import { RoleChangeNotices } from './RoleChangeNotices';

/**
 * What other features add to an incident's status flow: a check before it is closed (which
 * refuses by throwing), and a step after it is resolved (which never fails the change).
 *
 * @internal
 */
export interface IncidentStatusHooks {
  beforeClose(incident: Incident): Promise<void>;
  afterResolve(incident: Incident, actorRef: string): Promise<void>;
}

/** A change being put together: what to write, and the timeline events that record it. */
interface Draft {
  current: Incident;
  actorRef: string;
  now: Date;
  changes: IncidentChanges;
  events: NewTimelineEvent[];
}

/**
 * Changing an incident: status, severity (and the plays it brings), priority, impacted
 * entities, roles, people and details. Every part is checked before anything is written; the
 * write is one transaction against the caller's `version`, so a stale one is a 409.
 *
 * @internal
 */
export class UpdateIncident {
  private readonly roleChanges: IncidentRoleChanges;

  constructor(
    private readonly deps: {
      store: IncidentStore;
      access: IncidentAccess;
      entities: IncidentEntities;
      plays: ResponsePlays;
      settings: FirebreakSettings;
      notifier: IncidentNotifier;
      paging: IncidentPaging;
      /** Tells people who gain or lose a role; without it, nobody is told. */
      roleNotices?: RoleChangeNotices;
      /** Postmortems' rules on closing and resolving; without them, none apply. */
      statusHooks?: IncidentStatusHooks;
      now: () => Date;
    },
  ) {
    this.roleChanges = new IncidentRoleChanges({
      roles: deps.settings.roles,
      entities: deps.entities,
    });
  }

  /** Applies a change to an incident the caller may update, and returns the result. */
  async update(
    idOrRef: string,
    input: UpdateIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const current = await this.deps.access.readToUpdate(idOrRef, credentials);
    const actorRef = actorRefOf(credentials);
    const now = this.deps.now();
    const draft: Draft = {
      current,
      actorRef,
      now,
      changes: { updatedAt: now },
      events: [],
    };

    if (input.status && input.status !== current.status) {
      const { changes, event } = statusChange(
        current,
        input.status,
        actorRef,
        now,
      );
      Object.assign(draft.changes, changes);
      draft.events.push(event);
    }
    if (input.severity && input.severity !== current.severity) {
      await this.changeSeverity(draft, input.severity);
    }
    this.changePriority(draft, input);
    if (input.entityRefs) {
      await this.changeEntities(draft, input.entityRefs, credentials);
    }
    if (input.roles) {
      const { roles, events } = await this.roleChanges.apply(
        current,
        input.roles,
        credentials,
        actorRef,
        now.toISOString(),
      );
      draft.events.push(...events);
      draft.changes.roles = roles;
    }
    if (input.responders) {
      draft.changes.responders = input.responders.map(lowerRef);
    }
    if (input.subscribers) {
      draft.changes.subscribers = input.subscribers.map(lowerRef);
    }
    this.changeDetails(draft, input);

    const { changes, events } = draft;
    if (changes.status === 'closed') {
      await this.deps.statusHooks?.beforeClose({
        ...current,
        severity: changes.severity ?? current.severity,
      });
    }
    const updated = await this.deps.store.updateIncident(
      current.id,
      input.version,
      changes,
      events,
    );
    await this.deps.notifier.changed(current, updated, events, actorRef);
    await this.deps.roleNotices?.rolesChanged(updated, events, actorRef);
    await this.deps.paging.afterChange(current, updated, credentials);
    if (changes.status === 'resolved') {
      await this.deps.statusHooks?.afterResolve(updated, actorRef);
    }
    return updated;
  }

  /** A new severity, and the response plays for it that the incident has not had yet. */
  private async changeSeverity(draft: Draft, severityId: string) {
    const { current, actorRef, now, changes, events } = draft;
    const { plays: responsePlays } = this.deps;
    const severity = requireSeverity(
      this.deps.settings,
      severityId,
      'severity',
    );
    changes.severity = severity.id;
    events.push({
      type: 'severity_changed',
      actorRef,
      at: now.toISOString(),
      data: { from: current.severity, to: severity.id },
    });
    const applied = (await this.deps.store.listTimeline(current.id))
      .filter(e => e.type === 'play_applied')
      .map(e => (e.data as { play: string }).play);
    const plays = responsePlays.for(severity.id, applied);
    if (plays.length > 0) {
      changes.responders = [
        ...current.responders,
        ...plays.flatMap(p => p.responders),
      ];
      changes.subscribers = [
        ...current.subscribers,
        ...plays.flatMap(p => p.subscribers),
      ];
      changes.links = [
        ...current.links,
        ...responsePlays.links(plays, current),
      ];
      events.push(
        ...plays.map(play => responsePlays.event(play, actorRef, now)),
      );
    }
  }

  /** Impact and urgency; the timeline records only a change of the priority they give. */
  private changePriority(draft: Draft, input: UpdateIncidentRequest) {
    const { current, changes, events } = draft;
    const impact = input.impact ?? current.impact;
    const urgency = input.urgency ?? current.urgency;
    if (impact === current.impact && urgency === current.urgency) {
      return;
    }
    const priority = priorityOf(this.deps.settings, impact, urgency);
    changes.impact = impact;
    changes.urgency = urgency;
    if (priority !== current.priority) {
      changes.priority = priority;
      events.push({
        type: 'priority_changed',
        actorRef: draft.actorRef,
        at: draft.now.toISOString(),
        data: { from: current.priority, to: priority },
      });
    }
  }

  /** The impacted entities, written only when the set changes. */
  private async changeEntities(
    draft: Draft,
    entityRefs: string[],
    credentials: BackstageCredentials,
  ) {
    const { current } = draft;
    const entities = await this.deps.entities.resolveImpacted(
      entityRefs,
      'entityRefs',
      credentials,
    );
    const next = entities.map(e => e.entityRef);
    const added = next.filter(r => !current.entityRefs.includes(r));
    const removed = current.entityRefs.filter(r => !next.includes(r));
    if (added.length || removed.length) {
      draft.changes.entities = entities;
      draft.events.push({
        type: 'entities_changed',
        actorRef: draft.actorRef,
        at: draft.now.toISOString(),
        data: { added, removed },
      });
    }
  }

  /**
   * Title, summary, impact start and detection time, recorded together as one
   * `details_changed` event.
   */
  private changeDetails(draft: Draft, input: UpdateIncidentRequest) {
    const { current, now, changes } = draft;
    const details: string[] = [];
    if (input.title !== undefined && input.title !== current.title) {
      changes.title = input.title;
      details.push('title');
    }
    if (
      input.summary !== undefined &&
      (input.summary ?? undefined) !== current.summary
    ) {
      changes.summary = input.summary;
      details.push('summary');
    }
    if (input.startedAt !== undefined) {
      const startedAt = new Date(input.startedAt);
      if (startedAt.getTime() > now.getTime()) {
        throw new InputError('startedAt: cannot be in the future');
      }
      if (startedAt.toISOString() !== current.startedAt) {
        changes.startedAt = startedAt;
        details.push('startedAt');
      }
    }
    if (input.detectedAt !== undefined || changes.startedAt) {
      this.changeDetectedAt(draft, input.detectedAt, details);
    }
    if (details.length > 0) {
      draft.events.push({
        type: 'details_changed',
        actorRef: draft.actorRef,
        at: now.toISOString(),
        data: { fields: details },
      });
    }
  }

  /**
   * When the impact was noticed: set, cleared (`null`) or kept, and checked against the impact
   * start this change leaves, so that moving either one out of order is refused.
   */
  private changeDetectedAt(
    draft: Draft,
    requested: string | null | undefined,
    details: string[],
  ) {
    const { current, now, changes } = draft;
    const detectedAt =
      requested === undefined
        ? current.detectedAt
        : requested && new Date(requested).toISOString();
    const problem = describeDetectionProblem(
      {
        startedAt: changes.startedAt?.toISOString() ?? current.startedAt,
        detectedAt: detectedAt ?? undefined,
        declaredAt: current.declaredAt,
      },
      { now, changed: requested === undefined ? 'startedAt' : 'detectedAt' },
    );
    if (problem) {
      throw new InputError(problem);
    }
    if ((detectedAt ?? undefined) !== current.detectedAt) {
      changes.detectedAt = detectedAt ? new Date(detectedAt) : null;
      details.push('detectedAt');
    }
  }
}
