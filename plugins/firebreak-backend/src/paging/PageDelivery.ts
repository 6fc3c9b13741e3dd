import { LoggerService } from '@backstage/backend-plugin-api';
import { Incident } from '@firebreak/backstage-plugin-common';
import { IncidentStore } from '../incidents/IncidentStore';
import { notifyPerson, PersonChannels } from '../notifyPerson';
import { OutboxNotification, PagingStore } from './PagingStore';

/**
 * How long a claim on a notification lasts without renewal. A replica that dies holding
 * notifications loses them to another replica after at most this long (plus one look for work).
 *
 * @internal
 */
export const DELIVERY_LEASE_MS = 5_000;
/** How often a replica renews the claims it holds while it delivers. */
const HEARTBEAT_MS = DELIVERY_LEASE_MS / 3;
/**
 * A send hanging longer than this stops the renewals, so a live but stuck replica does not hold
 * its pages forever either; the scope keeps a late second delivery a single notification.
 */
const STUCK_SEND_MS = 60_000;
/**
 * How many notifications of a batch a replica sends at once.
 *
 * @internal
 */
export const SEND_CONCURRENCY = 8;
/**
 * How many notifications a replica claims at a time: small batches keep what a dying replica
 * holds small, and let a busy replica pick up expired claims soon after they expire.
 *
 * @internal
 */
export const DELIVERY_BATCH = 2 * SEND_CONCURRENCY;
/** How long a failed delivery waits before it is tried again. */
const RETRY_DELAY_MS = 60_000;
/** After this many failed attempts a notification is given up on. */
const MAX_ATTEMPTS = 5;

/**
 * Runs `beat` every `intervalMs` until the returned function is called. Injected so that tests
 * decide when a replica renews its claims.
 *
 * @internal
 */
export type Heartbeat = (
  intervalMs: number,
  beat: () => Promise<void>,
) => () => void;

/** A heartbeat on the process's timers; it never keeps the process alive on its own. */
export const timerHeartbeat: Heartbeat = (intervalMs, beat) => {
  const timer = setInterval(() => {
    beat().catch(() => undefined);
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
};

/**
 * Delivers page notifications from the outbox. A replica claims a batch with a short lease and
 * renews it on a heartbeat while it works, so a page held by a replica that died goes out
 * from another replica within seconds. Exactly once: a notification is sent only after its
 * claim is confirmed as still this replica's (and extended), and marked sent only by its
 * holder; should a stalled replica still send one it lost, the notification's scope makes the
 * second delivery update the first instead of adding one.
 *
 * @internal
 */
export class PageDelivery {
  /** The notifications this replica holds, and has not yet delivered or let go. */
  private readonly held = new Set<string>();
  /** When each send in progress started: a send hanging too long stops the renewals. */
  private readonly sendingSince = new Map<string, number>();

  constructor(
    private readonly deps: PersonChannels & {
      pages: PagingStore;
      incidents: IncidentStore;
      logger: LoggerService;
      now: () => Date;
      /** Who this replica is in `claimed_by`. */
      claimer: string;
      heartbeat?: Heartbeat;
    },
  ) {}

  /** Claims up to `limit` pending notifications and delivers them; returns how many it claimed. */
  async deliverBatch(limit: number): Promise<number> {
    const now = this.deps.now();
    const claimed = await this.deps.pages.claimNotifications(
      this.deps.claimer,
      now,
      this.leaseFrom(now),
      limit,
    );
    if (claimed.length === 0) {
      return 0;
    }
    for (const notification of claimed) {
      this.held.add(notification.id);
    }
    const stopHeartbeat = (this.deps.heartbeat ?? timerHeartbeat)(
      HEARTBEAT_MS,
      () => this.renewClaims(),
    );
    try {
      const incidents = new Map<string, Promise<Incident | undefined>>();
      const queue = [...claimed];
      // Sends wait on the network, not the CPU: a few at once empty a batch (and one taken over
      // from a dead replica) several times faster than one by one.
      await Promise.all(
        Array.from({ length: SEND_CONCURRENCY }, async () => {
          for (let next = queue.shift(); next; next = queue.shift()) {
            const { incidentId } = next;
            if (!incidents.has(incidentId)) {
              incidents.set(
                incidentId,
                this.deps.incidents.getIncident(incidentId),
              );
            }
            await this.deliver(next, await incidents.get(incidentId));
          }
        }),
      );
    } finally {
      stopHeartbeat();
      this.held.clear();
    }
    return claimed.length;
  }

  /** Extends the lease of every notification this replica still holds; forgets those it lost. */
  async renewClaims(): Promise<void> {
    if (this.held.size === 0) {
      return;
    }
    const now = this.deps.now();
    for (const since of this.sendingSince.values()) {
      if (now.getTime() - since > STUCK_SEND_MS) {
        return;
      }
    }
    const ids = [...this.held];
    const kept = new Set(
      await this.deps.pages.renewClaims(
        ids,
        this.deps.claimer,
        this.leaseFrom(now),
      ),
    );
    for (const id of ids) {
      if (!kept.has(id)) {
        this.held.delete(id);
      }
    }
  }

  private async deliver(
    notification: OutboxNotification,
    incident: Incident | undefined,
  ) {
    const { pages, claimer, logger } = this.deps;
    // A replica that stalled past its lease may have lost the claim to another one: send only
    // what is still ours, with a fresh lease for the send itself.
    if (
      !this.held.has(notification.id) ||
      (
        await pages.renewClaims(
          [notification.id],
          claimer,
          this.leaseFrom(this.deps.now()),
        )
      ).length === 0
    ) {
      this.held.delete(notification.id);
      logger.info(
        `Page notification ${notification.id} for ${notification.userRef} was taken over by another replica`,
      );
      return;
    }
    this.sendingSince.set(notification.id, this.deps.now().getTime());
    try {
      if (incident) {
        await this.send(incident, notification);
      }
      await this.markSent(notification);
    } catch (error) {
      logger.warn(
        `Could not page ${notification.userRef} for ${incident?.ref}: ${error}`,
      );
      if (notification.attempts >= MAX_ATTEMPTS) {
        await this.markSent(notification);
      } else {
        await pages.release(
          notification.id,
          claimer,
          new Date(this.deps.now().getTime() + RETRY_DELAY_MS),
        );
      }
    } finally {
      this.sendingSince.delete(notification.id);
      this.held.delete(notification.id);
    }
  }

  private async markSent(notification: OutboxNotification) {
    const marked = await this.deps.pages.markSent(
      notification.id,
      this.deps.claimer,
      this.deps.now(),
    );
    if (!marked) {
      this.deps.logger.warn(
        `Page notification ${notification.id} for ${notification.userRef} was sent after its claim had passed to another replica; its scope keeps it one notification`,
      );
    }
  }

  private leaseFrom(now: Date) {
    return new Date(now.getTime() + DELIVERY_LEASE_MS);
  }

  private async send(incident: Incident, notification: OutboxNotification) {
    const title = `Paged: ${incident.ref} ${incident.severity} — ${incident.title}`;
    const description = `You are on call (level ${
      notification.level
    }) for ${incident.entityRefs.join(
      ', ',
    )}. Acknowledge on the incident page to stop the escalation.`;
    const link = `/firebreak/incidents/${incident.ref}`;
    await notifyPerson(this.deps, notification.userRef, {
      title,
      description,
      link,
      severity: incident.severity === 'SEV1' ? 'critical' : 'high',
      topic: 'firebreak:page',
      // The same scope on a repeated delivery updates the notification instead of adding one.
      scope: `firebreak:page:${notification.pageId}:${notification.round}:${notification.level}`,
      urgency: 'page',
    });
  }
}
