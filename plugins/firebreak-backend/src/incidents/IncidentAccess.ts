import {
  BackstageCredentials,
  BackstageUserPrincipal,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  firebreakIncidentCreatePermission,
  firebreakIncidentReadPermission,
  firebreakIncidentUpdatePermission,
  Incident,
} from '@firebreak/backstage-plugin-common';
import { IncidentStore } from './IncidentStore';
import { lowerRef } from '../refs';

/** The incident permissions a caller can be checked against. @internal */
export type IncidentPermission =
  | typeof firebreakIncidentCreatePermission
  | typeof firebreakIncidentReadPermission
  | typeof firebreakIncidentUpdatePermission;

/** Whether the caller is a person rather than a service. @internal */
export function isUser(
  credentials: BackstageCredentials,
): credentials is BackstageCredentials<BackstageUserPrincipal> {
  return (credentials.principal as { type?: string }).type === 'user';
}

/** Who the timeline names for a change: a user ref, or `service:<subject>`. @internal */
export function actorRefOf(credentials: BackstageCredentials) {
  return isUser(credentials)
    ? lowerRef(credentials.principal.userEntityRef)
    : `service:${
        (credentials.principal as { subject?: string }).subject ?? 'unknown'
      }`;
}

/**
 * Loads incidents the caller may read and checks what else they may do with them; every use
 * case goes through it, so a denial reads the same everywhere.
 *
 * @internal
 */
export class IncidentAccess {
  constructor(
    private readonly deps: {
      store: IncidentStore;
      permissions: PermissionsService;
    },
  ) {}

  /** The incident by id or ref, or a 404 when there is none, or a 403 when it may not be read. */
  async read(idOrRef: string, credentials: BackstageCredentials) {
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

  /** The incident as `read` answers it, once the caller may also update it (403 otherwise). */
  async readToUpdate(idOrRef: string, credentials: BackstageCredentials) {
    const incident = await this.read(idOrRef, credentials);
    await this.authorize(
      firebreakIncidentUpdatePermission,
      credentials,
      incident,
    );
    return incident;
  }

  /** Throws a 403 naming the action unless the caller may do it (to this incident, if given). */
  async authorize(
    permission: IncidentPermission,
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
}
