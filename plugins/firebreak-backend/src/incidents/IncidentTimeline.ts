import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  TimelineEvent,
  TimelinePostRequest,
} from '@firebreak/backstage-plugin-common';
import { actorRefOf, IncidentAccess } from './IncidentAccess';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentStore, NewTimelineEvent } from './IncidentStore';

function futureInstant(value: string, field: string, now: Date) {
  const instant = new Date(value);
  if (instant.getTime() <= now.getTime()) {
    throw new InputError(`${field}: must be in the future`);
  }
  return instant.toISOString();
}

/**
 * An incident's timeline: reading it, and posting notes and status updates to it. The other
 * events on it are written by the changes they record.
 *
 * @internal
 */
export class IncidentTimeline {
  constructor(
    private readonly deps: {
      store: IncidentStore;
      access: IncidentAccess;
      notifier: IncidentNotifier;
      now: () => Date;
    },
  ) {}

  /** The timeline of an incident the caller may read. */
  async list(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.deps.access.read(idOrRef, credentials);
    return this.deps.store.listTimeline(incident.id);
  }

  /** Posts a note or a status update; it needs the permission to update the incident. */
  async post(
    idOrRef: string,
    input: TimelinePostRequest,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent> {
    const incident = await this.deps.access.readToUpdate(idOrRef, credentials);
    const actorRef = actorRefOf(credentials);
    const now = this.deps.now();
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
                ? futureInstant(input.nextUpdateAt, 'nextUpdateAt', now)
                : undefined,
            },
          };
    const [stored] = await this.deps.store.appendTimeline(incident.id, [event]);
    await this.deps.notifier.posted(incident, stored);
    return stored;
  }

  /**
   * Records what another feature did to an incident (such as ticking a runbook step) as the
   * caller, now; it needs the permission to update the incident.
   */
  async record(
    idOrRef: string,
    event: Pick<NewTimelineEvent, 'type' | 'data'>,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent> {
    const incident = await this.deps.access.readToUpdate(idOrRef, credentials);
    const [stored] = await this.deps.store.appendTimeline(incident.id, [
      {
        ...event,
        actorRef: actorRefOf(credentials),
        at: this.deps.now().toISOString(),
      } as NewTimelineEvent,
    ]);
    await this.deps.notifier.posted(incident, stored);
    return stored;
  }
}
