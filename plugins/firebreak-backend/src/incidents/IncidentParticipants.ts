import {
  BackstageCredentials,
  BackstageUserPrincipal,
} from '@backstage/backend-plugin-api';
import { ConflictError, NotAllowedError } from '@backstage/errors';
import {
  COMMANDER_ROLE,
  hasJoinedAsResponder,
  Incident,
} from '@firebreak/backstage-plugin-common';
import { IncidentStore } from './IncidentStore';
import { IncidentNotifier } from './IncidentNotifier';
import { lowerRef } from '../refs';

function userRefOf(credentials: BackstageCredentials, action: string) {
  const principal = credentials.principal as Partial<BackstageUserPrincipal>;
  if (principal.type !== 'user' || !principal.userEntityRef) {
    throw new NotAllowedError(`Only people ${action} incidents`);
  }
  return lowerRef(principal.userEntityRef);
}

/**
 * Joining and leaving an incident as a responder. Anyone who may read an incident may join it,
 * which makes them a participant (see the `IS_INCIDENT_PARTICIPANT` rule); both are changes of
 * the incident — recorded on the timeline, announced, and moving its version on.
 *
 * @internal
 */
export class IncidentParticipants {
  constructor(
    private readonly deps: {
      store: IncidentStore;
      notifier: IncidentNotifier;
      /** Loads an incident the caller may read, or throws 404/403. */
      read: (
        idOrRef: string,
        credentials: BackstageCredentials,
      ) => Promise<Incident>;
      now: () => Date;
    },
  ) {}

  /** Adds the caller to the responders; `joined` is false when they already were one. */
  async join(
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<{ incident: Incident; joined: boolean }> {
    const userRef = userRefOf(credentials, 'join');
    const current = await this.deps.read(idOrRef, credentials);
    if (hasJoinedAsResponder(current, userRef)) {
      return { incident: current, joined: false };
    }
    return {
      incident: await this.change(current, userRef, 'responder_joined', [
        ...current.responders,
        userRef,
      ]),
      joined: true,
    };
  }

  /** Removes the caller from the responders; the commander hands command over first. */
  async leave(
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    const userRef = userRefOf(credentials, 'leave');
    const current = await this.deps.read(idOrRef, credentials);
    if (lowerRef(current.roles[COMMANDER_ROLE] ?? '') === userRef) {
      throw new ConflictError(
        `You command ${current.ref}: hand command to someone else before you leave`,
      );
    }
    if (!hasJoinedAsResponder(current, userRef)) {
      return current;
    }
    return this.change(
      current,
      userRef,
      'responder_left',
      current.responders.filter(ref => lowerRef(ref) !== userRef),
    );
  }

  private async change(
    current: Incident,
    userRef: string,
    type: 'responder_joined' | 'responder_left',
    responders: string[],
  ) {
    const now = this.deps.now();
    const events = [
      { type, actorRef: userRef, at: now.toISOString(), data: { userRef } },
    ];
    // Against the version just read: a concurrent change makes this a 409, never a lost write.
    const updated = await this.deps.store.updateIncident(
      current.id,
      current.version,
      { responders, updatedAt: now },
      events,
    );
    await this.deps.notifier.changed(current, updated, events, userRef);
    return updated;
  }
}
