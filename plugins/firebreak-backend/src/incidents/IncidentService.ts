import {
  BackstageCredentials,
  BackstageUserPrincipal,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  chooseCommander,
  COMMANDER_ROLE,
  DeclareIncidentRequest,
  TimelinePostRequest,
  UpdateIncidentRequest,
  computePriority,
  describeStatusTransition,
  firebreakIncidentCreatePermission,
  firebreakIncidentReadPermission,
  firebreakIncidentUpdatePermission,
  Incident,
  IncidentLink,
  IncidentStatus,
  IncidentSummary,
  isActiveStatus,
  Page,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import { FirebreakSettings, ResponsePlay } from '../config/FirebreakSettings';
import {
  IncidentChanges,
  IncidentFilter,
  IncidentStore,
  ImpactedEntity,
  NewTimelineEvent,
} from './IncidentStore';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentParticipants } from './IncidentParticipants';
import { RoleChangeNotices } from './RoleChangeNotices';
import { PermissionDecisionCache } from '../permissions/DecisionCache';
import { isHttpUrl } from '../schema/httpUrl';
import { hashRequestBody } from './IdempotencyKey';
import { EscalationEngine, PagePlan } from '../paging/EscalationEngine';
import { lowerRef } from '../refs';

/** @internal */
export interface ListIncidentsInput {
  entityRef?: string;
  statuses?: IncidentStatus[];
  severities?: string[];
  q?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

const IMPACTABLE_KINDS = ['component', 'system', 'api', 'resource'];

function slugify(title: string) {
  return title
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type?: string }).type === 'user';
}

/**
 * The rules of incidents: who may do what, what a declare or a change means, and what the
 * timeline records. HTTP lives in the router, SQL in the store.
 *
 * @internal
 */
export class IncidentService {
  private readonly participants: IncidentParticipants;

  constructor(
    private readonly deps: {
      store: IncidentStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      settings: FirebreakSettings;
      notifier: IncidentNotifier;
      /** Turns conditional permission decisions into store filters. */
      transformConditions: ConditionTransformer<IncidentFilter>;
      logger: LoggerService;
      /** Keeps list decisions a few seconds; without it, every list asks. */
      listDecisions?: PermissionDecisionCache;
      /** Pages the on-call; without it, declaring pages nobody. */
      paging?: EscalationEngine;
      /** Tells people who gain or lose a role; without it, nobody is told. */
      roleNotices?: RoleChangeNotices;
      now?: () => Date;
    },
  ) {
    this.participants = new IncidentParticipants({
      store: deps.store,
      notifier: deps.notifier,
      read: (idOrRef, credentials) => this.get(idOrRef, credentials),
      now: () => this.now(),
    });
  }

  /** The caller joins an incident they may read as a responder. */
  join(idOrRef: string, credentials: BackstageCredentials) {
    return this.participants.join(idOrRef, credentials);
  }

  /** The caller leaves an incident's responders. */
  leave(idOrRef: string, credentials: BackstageCredentials) {
    return this.participants.leave(idOrRef, credentials);
  }

  private now() {
    return this.deps.now?.() ?? new Date();
  }

  async declare(
    input: DeclareIncidentRequest,
    credentials: BackstageCredentials,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ incident: Incident; created: boolean }> {
    await this.authorize(firebreakIncidentCreatePermission, credentials);
    const actorRef = this.actorRef(credentials);
    const severity = this.severity(input.severity, 'severity');
    const impact = input.impact ?? severity.defaultImpact;
    const urgency = input.urgency ?? severity.defaultUrgency;
    const priority = this.priority(impact, urgency);
    const { impacted: entities, catalogEntities } =
      await this.resolveImpactedEntities(
        input.entityRefs,
        'entityRefs',
        credentials,
      );

    const now = this.now();
    const plans: PagePlan[] = this.deps.paging
      ? await this.deps.paging.plan(catalogEntities, now)
      : [];
    // The rule the declare dialog previews: the first person paged, else whoever declares.
    const firstPaged = plans
      .map(plan => plan.step)
      .find(step => step.kind === 'level');
    if (input.commanderRef) {
      await this.requireUser(input.commanderRef, 'commanderRef', credentials);
    }
    const commander = chooseCommander({
      requested: input.commanderRef,
      declarer: isUser(credentials)
        ? { type: 'user', userRef: actorRef }
        : { type: 'service' },
      firstPaged:
        firstPaged?.kind === 'level' ? firstPaged.users[0] : undefined,
    });
    if (commander.problem !== undefined) {
      throw new InputError(commander.problem);
    }
    const commanderRef = commander.commanderRef;

    const startedAt = input.startedAt ? new Date(input.startedAt) : now;
    if (startedAt.getTime() > now.getTime()) {
      throw new InputError('startedAt: cannot be in the future');
    }

    const plays = this.playsFor(severity.id, []);
    const responders = plays.flatMap(p => p.responders);
    const subscribers = plays.flatMap(p => p.subscribers);
    const status: IncidentStatus = 'investigating';
    const events: NewTimelineEvent[] = [
      {
        type: 'declared',
        actorRef,
        at: now.toISOString(),
        data: { title: input.title, severity: severity.id, status },
      },
      ...plays.map(play => this.playEvent(play, actorRef, now)),
    ];

    const { incident, created } = await this.deps.store.createIncident(
      {
        title: input.title,
        summary: input.summary,
        severity: severity.id,
        priority,
        impact,
        urgency,
        status,
        entities,
        source: isUser(credentials) ? 'portal' : 'api',
        reporterRef: actorRef,
        roles: { [COMMANDER_ROLE]: lowerRef(commanderRef) },
        responders,
        subscribers,
        links: [],
        startedAt,
        declaredAt: now,
      },
      {
        actorRef,
        events,
        idempotencyKey: options.idempotencyKey,
        requestHash: options.idempotencyKey
          ? hashRequestBody(input)
          : undefined,
        alsoInTransaction: (tx, incidentId) =>
          this.deps.paging
            ? this.deps.paging.startPages(
                tx,
                incidentId,
                plans,
                'declared',
                now,
              )
            : Promise.resolve([]),
      },
    );

    if (!created) {
      return { incident, created };
    }
    // Links need the reference the store handed out, so they come in a second step.
    const links = this.playLinks(plays, incident);
    const final =
      links.length > 0
        ? await this.deps.store.updateIncident(
            incident.id,
            incident.version,
            { links, updatedAt: now },
            [],
          )
        : incident;
    await this.deps.notifier.declared(final, actorRef);
    await this.deps.roleNotices?.rolesChanged(
      final,
      [
        {
          type: 'role_changed',
          data: { role: COMMANDER_ROLE, to: commanderRef },
        },
      ],
      actorRef,
    );
    this.deps.paging?.kick();
    return { incident: final, created };
  }

  async list(
    input: ListIncidentsInput,
    credentials: BackstageCredentials,
  ): Promise<Page<IncidentSummary>> {
    const decision = this.deps.listDecisions
      ? await this.deps.listDecisions.authorizeConditional(
          firebreakIncidentReadPermission,
          credentials,
        )
      : (
          await this.deps.permissions.authorizeConditional(
            [{ permission: firebreakIncidentReadPermission }],
            { credentials },
          )
        )[0];
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError('You may not read incidents');
    }
    const filter =
      decision.result === AuthorizeResult.CONDITIONAL
        ? this.deps.transformConditions(decision.conditions)
        : undefined;

    const entityRefs = input.entityRef
      ? await this.expandEntityRef(input.entityRef, credentials)
      : undefined;
    return this.deps.store.listIncidents({
      entityRefs,
      statuses: input.statuses,
      severities: input.severities,
      q: input.q,
      declaredFrom: input.from ? new Date(input.from) : undefined,
      declaredTo: input.to ? new Date(input.to) : undefined,
      filter,
      limit: input.limit,
      cursor: input.cursor,
    });
  }

  async get(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.deps.store.getIncident(idOrRef);
    if (!incident) {
      throw new NotFoundError(`No incident ${idOrRef}`);
    }
    await this.authorize(
      firebreakIncidentReadPermission,
      credentials,
      incident,
    );
    return incident;
  }

  async timeline(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.get(idOrRef, credentials);
    return this.deps.store.listTimeline(incident.id);
  }

  async update(
    idOrRef: string,
    input: UpdateIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const current = await this.get(idOrRef, credentials);
    await this.authorize(
      firebreakIncidentUpdatePermission,
      credentials,
      current,
    );
    const actorRef = this.actorRef(credentials);
    const now = this.now();
    const at = now.toISOString();
    const changes: IncidentChanges = { updatedAt: now };
    const events: NewTimelineEvent[] = [];

    if (input.status && input.status !== current.status) {
      const transition = describeStatusTransition(current.status, input.status);
      if (!transition.allowed) {
        throw new InputError(`status: ${transition.reason}`);
      }
      changes.status = input.status;
      Object.assign(changes, this.statusTimestamps(current, input.status, now));
      events.push({
        type: 'status_changed',
        actorRef,
        at,
        data: {
          from: current.status,
          to: input.status,
          reopened: transition.kind === 'reopen',
        },
      });
    }

    if (input.severity && input.severity !== current.severity) {
      const severity = this.severity(input.severity, 'severity');
      changes.severity = severity.id;
      events.push({
        type: 'severity_changed',
        actorRef,
        at,
        data: { from: current.severity, to: severity.id },
      });
      const applied = (await this.deps.store.listTimeline(current.id))
        .filter(e => e.type === 'play_applied')
        .map(e => (e.data as { play: string }).play);
      const plays = this.playsFor(severity.id, applied);
      if (plays.length > 0) {
        changes.responders = [
          ...current.responders,
          ...plays.flatMap(p => p.responders),
        ];
        changes.subscribers = [
          ...current.subscribers,
          ...plays.flatMap(p => p.subscribers),
        ];
        changes.links = [...current.links, ...this.playLinks(plays, current)];
        events.push(...plays.map(play => this.playEvent(play, actorRef, now)));
      }
    }

    const impact = input.impact ?? current.impact;
    const urgency = input.urgency ?? current.urgency;
    if (impact !== current.impact || urgency !== current.urgency) {
      const priority = this.priority(impact, urgency);
      changes.impact = impact;
      changes.urgency = urgency;
      if (priority !== current.priority) {
        changes.priority = priority;
        events.push({
          type: 'priority_changed',
          actorRef,
          at,
          data: { from: current.priority, to: priority },
        });
      }
    }

    if (input.entityRefs) {
      const entities = await this.resolveImpacted(
        input.entityRefs,
        'entityRefs',
        credentials,
      );
      const next = entities.map(e => e.entityRef);
      const added = next.filter(r => !current.entityRefs.includes(r));
      const removed = current.entityRefs.filter(r => !next.includes(r));
      if (added.length || removed.length) {
        changes.entities = entities;
        events.push({
          type: 'entities_changed',
          actorRef,
          at,
          data: { added, removed },
        });
      }
    }

    if (input.roles) {
      const roles = { ...current.roles };
      for (const [role, userRef] of Object.entries(input.roles)) {
        if (!this.deps.settings.roles.some(r => r.id === role)) {
          throw new InputError(
            `roles.${role}: not a role (${this.deps.settings.roles
              .map(r => r.id)
              .join(', ')})`,
          );
        }
        if (userRef === null) {
          if (role === COMMANDER_ROLE) {
            throw new InputError(
              'roles.commander: an incident always has a commander; assign someone else instead',
            );
          }
        } else {
          await this.requireUser(userRef, `roles.${role}`, credentials);
        }
        const next = userRef === null ? undefined : lowerRef(userRef);
        if (next !== roles[role]) {
          events.push({
            type: 'role_changed',
            actorRef,
            at,
            data: { role, from: roles[role], to: next },
          });
          if (next) roles[role] = next;
          else delete roles[role];
        }
      }
      changes.roles = roles;
    }

    if (input.responders) changes.responders = input.responders.map(lowerRef);
    if (input.subscribers)
      changes.subscribers = input.subscribers.map(lowerRef);

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
    if (details.length > 0) {
      events.push({
        type: 'details_changed',
        actorRef,
        at,
        data: { fields: details },
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
    await this.pageAfterChange(current, updated, credentials);
    return updated;
  }

  /**
   * An incident that needs nobody any more stops paging; one raised to a major severity while
   * nobody is being paged pages its on-call.
   */
  private async pageAfterChange(
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
    const wasMajor = this.deps.settings.severities.find(
      s => s.id === before.severity,
    )?.major;
    const isMajor = this.deps.settings.severities.find(
      s => s.id === after.severity,
    )?.major;
    if (isMajor && !wasMajor) {
      const { catalogEntities } = await this.resolveImpactedEntities(
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
    const incident = await this.get(idOrRef, credentials);
    const paging = this.requirePaging();
    const actorRef = this.actorRef(credentials);
    if (!(await paging.wasNotified(incident.id, actorRef))) {
      await this.authorize(
        firebreakIncidentUpdatePermission,
        credentials,
        incident,
      );
    }
    const acknowledged = await paging.acknowledge(incident.id, actorRef);
    return { acknowledged, incident: await this.get(incident.id, credentials) };
  }

  /** Pages the next level now, or the on-call again when nobody is being paged. */
  async escalate(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.get(idOrRef, credentials);
    await this.authorize(
      firebreakIncidentUpdatePermission,
      credentials,
      incident,
    );
    if (!isActiveStatus(incident.status)) {
      throw new InputError(
        `idOrRef: ${incident.ref} is ${incident.status}; reopen it to page anyone`,
      );
    }
    const paging = this.requirePaging();
    const { catalogEntities } = await this.resolveImpactedEntities(
      incident.entityRefs,
      'entityRefs',
      credentials,
    );
    const moved = await paging.escalateNow(
      incident,
      catalogEntities,
      this.actorRef(credentials),
    );
    paging.kick();
    return { escalated: moved };
  }

  /** The pages of an incident: who was paged, who acknowledged, what is due next. */
  async pages(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.get(idOrRef, credentials);
    return this.requirePaging().listPages(incident.id);
  }

  private requirePaging() {
    if (!this.deps.paging) {
      throw new Error('Paging is not set up');
    }
    return this.deps.paging;
  }

  async postToTimeline(
    idOrRef: string,
    input: TimelinePostRequest,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent> {
    const incident = await this.get(idOrRef, credentials);
    await this.authorize(
      firebreakIncidentUpdatePermission,
      credentials,
      incident,
    );
    const actorRef = this.actorRef(credentials);
    const now = this.now();
    const event: NewTimelineEvent =
      input.type === 'note'
        ? {
            type: 'note',
            actorRef,
            at: now.toISOString(),
            data: {
              text: input.text,
              tag: input.tag,
              pinned: input.pinned ?? false,
            },
          }
        : {
            type: 'status_update',
            actorRef,
            at: now.toISOString(),
            data: {
              text: input.text,
              audience: input.audience,
              nextUpdateAt: input.nextUpdateAt
                ? this.futureInstant(input.nextUpdateAt, 'nextUpdateAt', now)
                : undefined,
            },
          };
    const [stored] = await this.deps.store.appendTimeline(incident.id, [event]);
    await this.deps.notifier.posted(incident, stored);
    return stored;
  }

  /** Loads an incident with what permission rules need, for the permission framework. */
  async getPermissionResources(refs: string[]) {
    return Promise.all(
      refs.map(async ref => {
        const incident = await this.deps.store.getIncident(ref);
        return incident
          ? {
              ...incident,
              ownerRefs: await this.deps.store.getOwnerRefs(incident.id),
            }
          : undefined;
      }),
    );
  }

  private futureInstant(value: string, field: string, now: Date) {
    const instant = new Date(value);
    if (instant.getTime() <= now.getTime()) {
      throw new InputError(`${field}: must be in the future`);
    }
    return instant.toISOString();
  }

  private statusTimestamps(
    current: Incident,
    to: IncidentStatus,
    now: Date,
  ): Partial<IncidentChanges> {
    if (isActiveStatus(to)) {
      // A reopened incident is no longer resolved: MTTR counts to its next resolution.
      return {
        ...(to !== 'monitoring' && current.mitigatedAt
          ? { mitigatedAt: null }
          : {}),
        ...(to === 'monitoring' && !current.mitigatedAt
          ? { mitigatedAt: now }
          : {}),
        ...(current.resolvedAt ? { resolvedAt: null } : {}),
        ...(current.closedAt ? { closedAt: null } : {}),
      };
    }
    if (to === 'resolved') {
      return {
        resolvedAt: now,
        ...(current.mitigatedAt ? {} : { mitigatedAt: now }),
        ...(current.closedAt ? { closedAt: null } : {}),
      };
    }
    if (to === 'closed') {
      return {
        closedAt: now,
        ...(current.resolvedAt ? {} : { resolvedAt: now }),
        ...(current.mitigatedAt ? {} : { mitigatedAt: now }),
      };
    }
    return { closedAt: now };
  }

  private playsFor(severity: string, alreadyApplied: string[]) {
    return this.deps.settings.plays.filter(
      play =>
        play.severities.includes(severity) &&
        !alreadyApplied.includes(play.name),
    );
  }

  private playEvent(
    play: ResponsePlay,
    actorRef: string,
    now: Date,
  ): NewTimelineEvent {
    const parts = [
      play.responders.length ? `responders ${play.responders.join(', ')}` : '',
      play.subscribers.length
        ? `subscribers ${play.subscribers.join(', ')}`
        : '',
      play.links.length
        ? `links ${play.links.map(l => l.title).join(', ')}`
        : '',
    ].filter(Boolean);
    return {
      type: 'play_applied',
      actorRef,
      at: now.toISOString(),
      data: { play: play.name, description: `Added ${parts.join('; ')}` },
    };
  }

  private playLinks(plays: ResponsePlay[], incident: Incident): IncidentLink[] {
    const slug = `${lowerRef(incident.ref)}-${slugify(incident.title)}`;
    return (
      plays
        .flatMap(play =>
          play.links.map(link => ({
            title: link.title,
            type: link.type,
            url: link.url
              .replaceAll('{ref}', incident.ref)
              .replaceAll('{id}', incident.id)
              .replaceAll('{slug}', slug),
          })),
        )
        // The settings checked each template's scheme; this checks what filling it in gave.
        .filter(link => isHttpUrl(link.url))
    );
  }

  private severity(id: string, field: string) {
    const level = this.deps.settings.severities.find(s => s.id === id);
    if (!level) {
      throw new InputError(
        `${field}: '${id}' is not a severity; use one of ${this.deps.settings.severities
          .map(s => s.id)
          .join(', ')}`,
      );
    }
    return level;
  }

  private priority(impact: string, urgency: string) {
    const matrix = this.deps.settings.priority;
    if (!matrix.impacts.some(i => i.id === impact)) {
      throw new InputError(
        `impact: '${impact}' is not one of ${matrix.impacts
          .map(i => i.id)
          .join(', ')}`,
      );
    }
    if (!matrix.urgencies.some(u => u.id === urgency)) {
      throw new InputError(
        `urgency: '${urgency}' is not one of ${matrix.urgencies
          .map(u => u.id)
          .join(', ')}`,
      );
    }
    return computePriority(matrix, impact, urgency)!;
  }

  private actorRef(credentials: BackstageCredentials) {
    return isUser(credentials)
      ? lowerRef(credentials.principal.userEntityRef)
      : `service:${
          (credentials.principal as { subject?: string }).subject ?? 'unknown'
        }`;
  }

  private async authorize(
    permission:
      | typeof firebreakIncidentCreatePermission
      | typeof firebreakIncidentReadPermission
      | typeof firebreakIncidentUpdatePermission,
    credentials: BackstageCredentials,
    incident?: Incident,
  ) {
    let decision: PolicyDecision;
    if (permission.type === 'resource' && incident) {
      [decision] = await this.deps.permissions.authorize(
        [{ permission, resourceRef: incident.id }],
        { credentials },
      );
    } else {
      [decision] = await this.deps.permissions.authorize(
        [
          {
            permission: permission as typeof firebreakIncidentCreatePermission,
          },
        ],
        { credentials },
      );
    }
    if (decision.result !== AuthorizeResult.ALLOW) {
      const action = permission.attributes.action ?? 'use';
      throw new NotAllowedError(
        incident
          ? `You may not ${action} ${incident.ref}`
          : `You may not ${action} incidents`,
      );
    }
  }

  /** Parses and checks impacted entity refs against the catalog, recording their owners. */
  private async resolveImpacted(
    refs: string[],
    field: string,
    credentials: BackstageCredentials,
  ): Promise<ImpactedEntity[]> {
    return (await this.resolveImpactedEntities(refs, field, credentials))
      .impacted;
  }

  /** Like `resolveImpacted`, with the catalog entities too. */
  private async resolveImpactedEntities(
    refs: string[],
    field: string,
    credentials: BackstageCredentials,
  ): Promise<{ impacted: ImpactedEntity[]; catalogEntities: Entity[] }> {
    if (refs.length === 0) {
      throw new InputError(`${field}: name at least one impacted entity`);
    }
    const parsed = refs.map((ref, index) => {
      let entityRef: string;
      try {
        entityRef = stringifyEntityRef(parseEntityRef(ref));
      } catch {
        throw new InputError(
          `${field}[${index}]: '${ref}' is not an entity ref`,
        );
      }
      const kind = lowerRef(parseEntityRef(entityRef).kind);
      if (!IMPACTABLE_KINDS.includes(kind)) {
        throw new InputError(
          `${field}[${index}]: '${ref}' is a ${kind}; incidents impact ${IMPACTABLE_KINDS.join(
            ', ',
          )}`,
        );
      }
      return lowerRef(entityRef);
    });
    const unique = [...new Set(parsed)];
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: ['kind', 'metadata', 'relations'] },
      { credentials },
    );
    const catalogEntities: Entity[] = [];
    const impacted = unique.map(entityRef => {
      const entity = items[unique.indexOf(entityRef)];
      if (!entity) {
        throw new InputError(
          `${field}[${parsed.indexOf(
            entityRef,
          )}]: '${entityRef}' is not in the catalog`,
        );
      }
      catalogEntities.push(entity);
      return { entityRef, ownerRef: this.ownerOf(entity) };
    });
    return { impacted, catalogEntities };
  }

  private ownerOf(entity: Entity) {
    return entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;
  }

  private async requireUser(
    ref: string,
    field: string,
    credentials: BackstageCredentials,
  ) {
    let parsed;
    try {
      parsed = parseEntityRef(ref, { defaultKind: 'user' });
    } catch {
      throw new InputError(`${field}: '${ref}' is not an entity ref`);
    }
    if (lowerRef(parsed.kind) !== 'user') {
      throw new InputError(`${field}: '${ref}' is not a user`);
    }
    const entity = await this.deps.catalog.getEntityByRef(parsed, {
      credentials,
    });
    if (!entity) {
      throw new InputError(`${field}: '${ref}' is not in the catalog`);
    }
  }

  /**
   * An entity's incidents include those of its parts: a system's components, APIs and
   * resources; a group's owned entities.
   */
  private async expandEntityRef(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    let parsed: CompoundEntityRef;
    try {
      parsed = parseEntityRef(ref);
    } catch {
      throw new InputError(`entityRef: '${ref}' is not an entity ref`);
    }
    const entityRef = lowerRef(stringifyEntityRef(parsed));
    const kind = lowerRef(parsed.kind);
    if (kind !== 'system' && kind !== 'group') {
      return [entityRef];
    }
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      return [entityRef];
    }
    const related =
      kind === 'system'
        ? (entity.relations ?? [])
            .filter(r => r.type === RELATION_HAS_PART)
            .map(r => r.targetRef)
        : (
            await this.deps.catalog.getEntities(
              {
                filter: { 'relations.ownedBy': entityRef },
                fields: ['kind', 'metadata.namespace', 'metadata.name'],
              },
              { credentials },
            )
          ).items.map(e => stringifyEntityRef(e));
    return [entityRef, ...related.map(lowerRef)];
  }
}
