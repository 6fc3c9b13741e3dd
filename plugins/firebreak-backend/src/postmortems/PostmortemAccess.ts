import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  firebreakPostmortemReadPermission,
  Incident,
  Postmortem,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import { PostmortemStore } from './PostmortemStore';

/**
 * What postmortems need of incidents, read with the caller's credentials through the incident
 * service (which checks that they may read the incident), never from its store.
 *
 * @internal
 */
export interface PostmortemIncidents {
  get(idOrRef: string, credentials: BackstageCredentials): Promise<Incident>;
  timeline(
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent[]>;
}

/**
 * Loads postmortems with their incident for a caller and checks the postmortem permissions,
 * which are asked about the incident the postmortem belongs to.
 *
 * @internal
 */
export class PostmortemAccess {
  constructor(
    private readonly deps: {
      store: PostmortemStore;
      incidents: PostmortemIncidents;
      permissions: PermissionsService;
    },
  ) {}

  /** A 403 naming the action unless the caller may do it to this incident's postmortem. */
  async authorize(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
    incident: Incident,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission, resourceRef: incident.id }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      const action =
        permission.name === 'firebreak.postmortem.approve'
          ? 'approve or publish'
          : permission.attributes.action ?? 'use';
      throw new NotAllowedError(
        `You may not ${action} the postmortem of ${incident.ref}`,
      );
    }
  }

  /** The postmortem by id with its incident, checked with `permission` (read by default). */
  async read(
    id: string,
    credentials: BackstageCredentials,
    permission: ResourcePermission = firebreakPostmortemReadPermission,
  ): Promise<{ postmortem: Postmortem; incident: Incident }> {
    const postmortem = await this.deps.store.get(id);
    if (!postmortem) {
      throw new NotFoundError(`No postmortem ${id}`);
    }
    const incident = await this.deps.incidents.get(
      postmortem.incidentId,
      credentials,
    );
    await this.authorize(permission, credentials, incident);
    return { postmortem, incident };
  }
}
