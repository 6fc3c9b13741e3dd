import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import {
  COMMANDER_ROLE,
  Incident,
  IncidentRoleDefinition,
} from '@firebreak/backstage-plugin-common';
import { IncidentEntities } from './IncidentEntities';
import { NewTimelineEvent } from './IncidentStore';
import { lowerRef } from '../refs';

/**
 * Assigning and clearing an incident's roles: each role must be configured, each holder a
 * user in the catalog, and the commander can be handed over but never left empty.
 *
 * @internal
 */
export class IncidentRoleChanges {
  constructor(
    private readonly deps: {
      roles: readonly IncidentRoleDefinition[];
      entities: IncidentEntities;
    },
  ) {}

  /**
   * The roles after a requested change (`null` clears a role), with a `role_changed` event
   * for each role that changes hands.
   */
  async apply(
    current: Incident,
    requested: Record<string, string | null>,
    credentials: BackstageCredentials,
    actorRef: string,
    at: string,
  ): Promise<{ roles: Record<string, string>; events: NewTimelineEvent[] }> {
    const roles = { ...current.roles };
    const events: NewTimelineEvent[] = [];
    for (const [role, userRef] of Object.entries(requested)) {
      if (!this.deps.roles.some(r => r.id === role)) {
        throw new InputError(
          `roles.${role}: not a role (${this.deps.roles
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
        await this.deps.entities.requireUser(
          userRef,
          `roles.${role}`,
          credentials,
        );
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
    return { roles, events };
  }
}
