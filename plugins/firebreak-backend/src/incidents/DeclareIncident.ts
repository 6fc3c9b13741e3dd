import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  chooseCommander,
  COMMANDER_ROLE,
  DeclareIncidentRequest,
  describeDetectionProblem,
  firebreakIncidentCreatePermission,
  Incident,
  IncidentStatus,
} from '@firebreak/backstage-plugin-common';
import { FirebreakSettings } from '../config/FirebreakSettings';
import { EscalationEngine, PagePlan } from '../paging/EscalationEngine';
import { lowerRef } from '../refs';
import { hashRequestBody } from './IdempotencyKey';
import { actorRefOf, IncidentAccess, isUser } from './IncidentAccess';
import { priorityOf, requireSeverity } from './IncidentClassification';
import { IncidentEntities } from './IncidentEntities';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentStore, NewTimelineEvent } from './IncidentStore';
import { ResponsePlays } from './ResponsePlays';
import { RoleChangeNotices } from './RoleChangeNotices';

/**
 * Declaring an incident: its severity and priority, what it impacts, who commands it, the
 * response plays it starts with and the on-call it pages — all written in one transaction,
 * at most once per Idempotency-Key.
 *
 * @internal
 */
export class DeclareIncident {
  constructor(
    private readonly deps: {
      store: IncidentStore;
      access: IncidentAccess;
      entities: IncidentEntities;
      plays: ResponsePlays;
      settings: FirebreakSettings;
      notifier: IncidentNotifier;
      /** Pages the on-call; without it, declaring pages nobody. */
      paging?: EscalationEngine;
      /** Tells the commander they command; without it, nobody is told. */
      roleNotices?: RoleChangeNotices;
      now: () => Date;
    },
  ) {}

  /** Declares an incident; `created` is false when the Idempotency-Key already made it. */
  async declare(
    input: DeclareIncidentRequest,
    credentials: BackstageCredentials,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ incident: Incident; created: boolean }> {
    const { store, plays: responsePlays, paging } = this.deps;
    await this.deps.access.authorize(
      firebreakIncidentCreatePermission,
      credentials,
    );
    const actorRef = actorRefOf(credentials);
    const severity = requireSeverity(
      this.deps.settings,
      input.severity,
      'severity',
    );
    const impact = input.impact ?? severity.defaultImpact;
    const urgency = input.urgency ?? severity.defaultUrgency;
    const priority = priorityOf(this.deps.settings, impact, urgency);
    const { impacted: entities, catalogEntities } =
      await this.deps.entities.resolveImpactedEntities(
        input.entityRefs,
        'entityRefs',
        credentials,
      );

    const now = this.deps.now();
    const plans: PagePlan[] = paging
      ? await paging.plan(catalogEntities, now)
      : [];
    const commanderRef = await this.commanderFor(
      input,
      plans,
      actorRef,
      credentials,
    );

    // Whoever knows only when the impact was noticed says the impact started then, not later.
    const startedAt = new Date(input.startedAt ?? input.detectedAt ?? now);
    if (input.startedAt && startedAt.getTime() > now.getTime()) {
      throw new InputError('startedAt: cannot be in the future');
    }
    const detectedAt = input.detectedAt
      ? new Date(input.detectedAt)
      : undefined;
    const detectionProblem = describeDetectionProblem(
      {
        startedAt: startedAt.toISOString(),
        detectedAt: detectedAt?.toISOString(),
        declaredAt: now.toISOString(),
      },
      { now, changed: 'detectedAt' },
    );
    if (detectionProblem) {
      throw new InputError(detectionProblem);
    }

    const plays = responsePlays.for(severity.id, []);
    const status: IncidentStatus = 'investigating';
    const events: NewTimelineEvent[] = [
      {
        type: 'declared',
        actorRef,
        at: now.toISOString(),
        data: { title: input.title, severity: severity.id, status },
      },
      ...plays.map(play => responsePlays.event(play, actorRef, now)),
    ];

    const { incident, created } = await store.createIncident(
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
        responders: plays.flatMap(p => p.responders),
        subscribers: plays.flatMap(p => p.subscribers),
        links: [],
        startedAt,
        detectedAt,
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
          paging
            ? paging.startPages(tx, incidentId, plans, 'declared', now)
            : Promise.resolve([]),
      },
    );

    if (!created) {
      return { incident, created };
    }
    // Links need the reference the store handed out, so they come in a second step.
    const links = responsePlays.links(plays, incident);
    const final =
      links.length > 0
        ? await store.updateIncident(
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
    paging?.kick();
    return { incident: final, created };
  }

  /** The rule the declare dialog previews: the one asked for, else the first person paged, else whoever declares. */
  private async commanderFor(
    input: DeclareIncidentRequest,
    plans: PagePlan[],
    actorRef: string,
    credentials: BackstageCredentials,
  ) {
    const firstPaged = plans
      .map(plan => plan.step)
      .find(step => step.kind === 'level');
    if (input.commanderRef) {
      await this.deps.entities.requireUser(
        input.commanderRef,
        'commanderRef',
        credentials,
      );
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
    return commander.commanderRef;
  }
}
