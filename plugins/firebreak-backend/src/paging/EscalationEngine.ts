import { LoggerService } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotificationService } from '@backstage/plugin-notifications-node';
import {
  EscalationPolicy,
  Incident,
  isActiveStatus,
  PageReason,
} from '@firebreak/backstage-plugin-common';
import { FirebreakNotifier } from '@firebreak/backstage-plugin-node';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { IncidentStore, NewTimelineEvent } from '../incidents/IncidentStore';
import { OnCallResolver } from '../oncall/OnCallResolver';
import { PageRow, PagingStore, PolicySnapshot } from './PagingStore';
import { DELIVERY_BATCH, Heartbeat, PageDelivery } from './PageDelivery';
import { lowerRef } from '../refs';
import {
  ackTimeoutsOfPagedLevels,
  EscalationTooSoonError,
  nextManualEscalationAt,
} from './ManualEscalationLimit';

/** Who the engine says did what on the timeline when no person did. */
export const ENGINE_ACTOR = 'service:firebreak/paging';

const MINUTE = 60_000;
const BATCH = 50;

/**
 * A page about to start: the policy, and where it starts — or that nobody is on call anywhere.
 *
 * @internal
 */
export interface PagePlan {
  policy: EscalationPolicy;
  snapshot: PolicySnapshot;
  step: PageStep;
}

/** Where a page stands after a move: a level notified, or the end of the policy. */
type PageStep =
  | {
      kind: 'level';
      level: number;
      round: number;
      users: string[];
      nextEscalationAt: Date;
    }
  | { kind: 'exhausted'; reason: 'nobody_on_call' | 'not_acknowledged' };

/**
 * Runs escalation policies for incidents. All state is in the database: a page row says which
 * level was paged last and when the next one is due; notifications go through an outbox written
 * in the same transaction. Replicas take due pages with row locks that skip what another
 * replica holds, so each escalation happens once; notifications are delivered by
 * {@link PageDelivery} under short, renewed claims, so each goes out from one replica and none
 * waits long behind a dead one; a restarted backend picks up where the database says.
 *
 * @internal
 */
export class EscalationEngine {
  private readonly delivery: PageDelivery;
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private stopped = true;
  /** Set by stop(): a round in progress delivers the batch it holds and no further one. */
  private stopRequested = false;
  private intervalMs = 1000;

  constructor(
    private readonly deps: {
      db: Knex;
      pages: PagingStore;
      incidents: IncidentStore;
      resolver: OnCallResolver;
      notifications?: NotificationService;
      notifiers: FirebreakNotifier[];
      logger: LoggerService;
      now: () => Date;
      /** Called after the engine changed an incident's pages, to refresh open pages. */
      onPagesChanged?: (incidentId: string) => Promise<void>;
      /** When the replica renews its claims on notifications (tests drive it by hand). */
      heartbeat?: Heartbeat;
    },
  ) {
    this.delivery = new PageDelivery({
      ...deps,
      // Which process holds a claim, for whoever reads the outbox; unique per engine.
      claimer: `${hostname().slice(0, 18)}:${process.pid}:${randomUUID()}`,
    });
  }

  /** Pages to start for incidents impacting these entities: one per distinct policy. */
  async plan(entities: Entity[], at: Date, db?: Knex): Promise<PagePlan[]> {
    const policies = await this.deps.resolver.policiesFor(entities);
    const distinct = new Map<string, EscalationPolicy>();
    for (const entity of entities) {
      const found = policies.get(lowerRef(stringifyEntityRef(entity)));
      if (found && !distinct.has(found.policy.id)) {
        distinct.set(found.policy.id, found.policy);
      }
    }
    const plans: PagePlan[] = [];
    for (const policy of distinct.values()) {
      const snapshot = { levels: policy.levels, repeat: policy.repeat };
      plans.push({
        policy,
        snapshot,
        step: await this.stepFrom(snapshot, 0, 1, at, db),
      });
    }
    return plans;
  }

  /**
   * The first level at or after `index` (0-based) in `round` that reaches somebody, wrapping into
   * the next round while the policy may repeat. Levels nobody is on call for are skipped.
   */
  private async stepFrom(
    snapshot: PolicySnapshot,
    index: number,
    round: number,
    at: Date,
    db?: Knex,
  ): Promise<PageStep> {
    const { levels } = snapshot;
    const resolved = await this.deps.resolver.resolveLevels(levels, at, db);
    const rounds = snapshot.repeat + 1;
    const reachable = resolved.some(level => level.users.length > 0);
    if (!reachable) {
      return { kind: 'exhausted', reason: 'nobody_on_call' };
    }
    for (let r = round, i = index; r <= rounds; r += 1, i = 0) {
      for (; i < levels.length; i += 1) {
        const users = resolved[i].users.map(u => u.userRef);
        if (users.length > 0) {
          return {
            kind: 'level',
            level: i + 1,
            round: r,
            users,
            nextEscalationAt: new Date(
              at.getTime() + levels[i].ackTimeoutMinutes * MINUTE,
            ),
          };
        }
      }
    }
    return { kind: 'exhausted', reason: 'not_acknowledged' };
  }

  /** Starts planned pages inside the transaction that creates or changes the incident. */
  async startPages(
    tx: Knex.Transaction,
    incidentId: string,
    plans: PagePlan[],
    reason: PageReason,
    at: Date,
    actorRef: string = ENGINE_ACTOR,
  ): Promise<NewTimelineEvent[]> {
    const events: NewTimelineEvent[] = [];
    for (const plan of plans) {
      const { step } = plan;
      const pageId = await this.deps.pages.insertPage(
        tx,
        {
          incidentId,
          policyId: plan.policy.id,
          policyName: plan.policy.name,
          snapshot: plan.snapshot,
          status: step.kind === 'level' ? 'active' : 'exhausted',
          level: step.kind === 'level' ? step.level : 0,
          round: step.kind === 'level' ? step.round : 1,
          nextEscalationAt:
            step.kind === 'level' ? step.nextEscalationAt : undefined,
        },
        at,
      );
      events.push(
        ...(await this.recordStep(
          tx,
          { id: pageId, incidentId },
          plan,
          step,
          reason,
          at,
          actorRef,
        )),
      );
    }
    return events;
  }

  private async recordStep(
    tx: Knex.Transaction,
    page: { id: string; incidentId: string },
    plan: { policy: { name: string } },
    step: PageStep,
    reason: PageReason,
    at: Date,
    actorRef: string = ENGINE_ACTOR,
  ): Promise<NewTimelineEvent[]> {
    if (step.kind === 'exhausted') {
      return [
        {
          type: 'page_exhausted',
          actorRef,
          at: at.toISOString(),
          data: {
            pageId: page.id,
            policy: plan.policy.name,
            reason: step.reason,
          },
        },
      ];
    }
    await this.deps.pages.enqueueNotifications(
      tx,
      { ...page, round: step.round, level: step.level },
      step.users,
      at,
    );
    return [
      {
        type: 'paged',
        actorRef,
        at: at.toISOString(),
        data: {
          pageId: page.id,
          policy: plan.policy.name,
          level: step.level,
          round: step.round,
          users: step.users,
          reason,
        },
      },
    ];
  }

  /** Moves a locked page to its next level (or its end) and records it as `actorRef`'s doing. */
  private async advance(
    tx: Knex.Transaction,
    page: PageRow,
    reason: PageReason,
    at: Date,
    actorRef: string = ENGINE_ACTOR,
  ): Promise<NewTimelineEvent[]> {
    const step = await this.stepFrom(
      page.snapshot,
      page.level, // the next level, 0-based
      page.round,
      at,
      tx,
    );
    await this.deps.pages.updatePage(
      tx,
      page.id,
      step.kind === 'level'
        ? {
            level: step.level,
            round: step.round,
            nextEscalationAt: step.nextEscalationAt,
          }
        : { status: 'exhausted', nextEscalationAt: null },
      at,
    );
    return this.recordStep(
      tx,
      page,
      { policy: { name: page.policyName } },
      step,
      reason,
      at,
      actorRef,
    );
  }

  /** Escalates every page whose acknowledgement timeout passed; returns how many moved. */
  async escalateDuePages(): Promise<number> {
    const now = this.deps.now();
    const changed = new Set<string>();
    const moved = await this.deps.db.transaction(async tx => {
      const due = await this.deps.pages.lockDuePages(tx, now, BATCH);
      for (const page of due) {
        const incident = await this.deps.incidents.getIncident(
          page.incidentId,
          tx,
        );
        const events =
          incident && isActiveStatus(incident.status)
            ? await this.advance(tx, page, 'timeout', now)
            : await this.cancelPage(tx, page, now);
        await this.deps.incidents.appendTimelineInTransaction(
          tx,
          page.incidentId,
          events,
        );
        changed.add(page.incidentId);
      }
      return due.length;
    });
    await this.announce(changed);
    return moved;
  }

  private async cancelPage(
    tx: Knex.Transaction,
    page: PageRow,
    now: Date,
  ): Promise<NewTimelineEvent[]> {
    await this.deps.pages.updatePage(
      tx,
      page.id,
      { status: 'cancelled', nextEscalationAt: null },
      now,
    );
    return [];
  }

  /**
   * Stops an incident's active pages because someone acknowledged; the first acknowledgement
   * sets the incident's `acknowledgedAt` (MTTA counts to it). Returns how many pages stopped.
   */
  async acknowledge(incidentId: string, userRef: string): Promise<number> {
    const now = this.deps.now();
    const count = await this.deps.db.transaction(async tx => {
      const pages = await this.deps.pages.lockActivePages(tx, incidentId);
      const events: NewTimelineEvent[] = [];
      for (const page of pages) {
        await this.deps.pages.updatePage(
          tx,
          page.id,
          {
            status: 'acknowledged',
            nextEscalationAt: null,
            acknowledgedBy: userRef,
            acknowledgedAt: now,
          },
          now,
        );
        events.push({
          type: 'page_acknowledged',
          actorRef: userRef,
          at: now.toISOString(),
          data: { pageId: page.id, policy: page.policyName, level: page.level },
        });
      }
      // Only an acknowledged page makes an acknowledgement: MTTA measures paging.
      if (pages.length > 0) {
        await this.deps.incidents.markAcknowledged(tx, incidentId, now);
      }
      await this.deps.incidents.appendTimelineInTransaction(
        tx,
        incidentId,
        events,
      );
      return pages.length;
    });
    await this.announce(new Set([incidentId]));
    return count;
  }

  /**
   * Pages the next level of every active page at once; with no active page, starts the
   * policies of the impacted entities again. The timeline records `actorRef` as who escalated
   * each page and to which level. Escalating by hand is limited (see
   * {@link nextManualEscalationAt}); the check and the record of this escalation share the
   * transaction and the incident's row lock, so replicas cannot both let one through. Returns
   * how many pages moved or started; throws {@link EscalationTooSoonError} when too soon.
   */
  async escalateNow(
    incident: Incident,
    entities: Entity[],
    actorRef: string,
  ): Promise<number> {
    const now = this.deps.now();
    const plans = await this.plan(entities, now);
    const count = await this.deps.db.transaction(async tx => {
      // Pages first, then the incident's row: the order acknowledging takes them in.
      const pages = await this.deps.pages.lockActivePages(tx, incident.id);
      const allowedAt = nextManualEscalationAt({
        lastEscalatedAt: await this.deps.pages.lockLastManualEscalation(
          tx,
          incident.id,
        ),
        ackTimeoutsMinutes: ackTimeoutsOfPagedLevels(
          pages.length > 0
            ? pages
            : plans.flatMap(({ snapshot, step }) =>
                step.kind === 'level' ? [{ snapshot, level: step.level }] : [],
              ),
        ),
      });
      if (allowedAt && allowedAt.getTime() > now.getTime()) {
        throw new EscalationTooSoonError(incident.ref, allowedAt, now);
      }
      await this.deps.pages.recordManualEscalation(tx, incident.id, now);
      const events: NewTimelineEvent[] = [];
      if (pages.length > 0) {
        for (const page of pages) {
          events.push(
            ...(await this.advance(tx, page, 'escalated', now, actorRef)),
          );
        }
      } else {
        events.push(
          ...(await this.startPages(
            tx,
            incident.id,
            plans,
            'escalated',
            now,
            actorRef,
          )),
        );
      }
      await this.deps.incidents.appendTimelineInTransaction(
        tx,
        incident.id,
        events,
      );
      return pages.length > 0 ? pages.length : plans.length;
    });
    await this.announce(new Set([incident.id]));
    return count;
  }

  /** Starts the policies of the impacted entities unless the incident is being paged already. */
  async startIfIdle(
    incident: Incident,
    entities: Entity[],
    reason: PageReason,
  ): Promise<number> {
    const now = this.deps.now();
    const plans = await this.plan(entities, now);
    const started = await this.deps.db.transaction(async tx => {
      if ((await this.deps.pages.lockActivePages(tx, incident.id)).length > 0) {
        return 0;
      }
      await this.deps.incidents.appendTimelineInTransaction(
        tx,
        incident.id,
        await this.startPages(tx, incident.id, plans, reason, now),
      );
      return plans.length;
    });
    await this.announce(new Set([incident.id]));
    return started;
  }

  /** Whether a user was paged for an incident. */
  wasNotified(incidentId: string, userRef: string) {
    return this.deps.pages.wasNotified(incidentId, userRef);
  }

  /** The pages of an incident, oldest first. */
  listPages(incidentId: string) {
    return this.deps.pages.listPages(incidentId);
  }

  /** Stops the active pages of an incident that no longer needs anyone (resolved, declined). */
  async cancel(incidentId: string): Promise<void> {
    const now = this.deps.now();
    await this.deps.db.transaction(async tx => {
      for (const page of await this.deps.pages.lockActivePages(
        tx,
        incidentId,
      )) {
        await this.cancelPage(tx, page, now);
      }
    });
  }

  /** Delivers a batch of pending notifications; returns how many it took on. */
  deliverNotifications(): Promise<number> {
    return this.delivery.deliverBatch(DELIVERY_BATCH);
  }

  /** One round of work: escalations due, then notifications waiting. */
  async tick(): Promise<void> {
    await this.escalateDuePages();
    while (
      (await this.deliverNotifications()) === DELIVERY_BATCH &&
      !this.stopRequested
    ) {
      // A full batch: there may be more waiting. A replica shutting down leaves them to others.
    }
  }

  /** Looks for work every `intervalMs` until stopped. */
  start(intervalMs = this.intervalMs) {
    this.intervalMs = intervalMs;
    this.stopped = false;
    this.stopRequested = false;
    const loop = async () => {
      if (this.stopped) return;
      this.running = this.tick().catch(error =>
        this.deps.logger.error(`Paging engine tick failed: ${error}`),
      );
      await this.running;
      this.running = undefined;
      if (!this.stopped) {
        this.timer = setTimeout(loop, this.intervalMs);
      }
    };
    this.timer = setTimeout(loop, 0);
  }

  /** Stops looking for work, letting a round in progress finish. */
  async stop() {
    this.stopped = true;
    this.stopRequested = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /** Runs a round now, between the timer's rounds: after a declare, for a quick first page. */
  kick() {
    if (this.stopped || this.running) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.start();
    }, 0);
  }

  private async announce(incidentIds: Set<string>) {
    for (const id of incidentIds) {
      await this.deps.onPagesChanged?.(id).catch(() => undefined);
    }
  }
}
