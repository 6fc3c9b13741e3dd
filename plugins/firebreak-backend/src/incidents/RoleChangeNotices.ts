import { LoggerService } from '@backstage/backend-plugin-api';
import {
  Incident,
  IncidentRoleDefinition,
} from '@firebreak/backstage-plugin-common';
import { notifyPerson, PersonChannels } from '../notifyPerson';
import { lowerRef } from '../refs';

/** A role changing hands, as the timeline's `role_changed` event records it. */
interface RoleChange {
  role: string;
  from?: string;
  to?: string;
}

/**
 * Tells the person who gains or loses a role in an incident — "You are now incident commander
 * of INC-12", "You are no longer …" — unless they made the change themself. A failure to notify
 * is logged and never fails the change.
 *
 * @internal
 */
export class RoleChangeNotices {
  constructor(
    private readonly deps: PersonChannels & {
      roles: readonly IncidentRoleDefinition[];
      logger: LoggerService;
    },
  ) {}

  /** Notices for the `role_changed` events among a change's timeline events. */
  async rolesChanged(
    incident: Incident,
    events: readonly { type: string; data: unknown }[],
    actorRef: string,
  ): Promise<void> {
    const changes = events
      .filter(event => event.type === 'role_changed')
      .map(event => event.data as RoleChange);
    for (const change of changes) {
      if (change.from && lowerRef(change.from) !== lowerRef(actorRef)) {
        await this.tell(incident, change.from, change.role, 'lost');
      }
      if (change.to && lowerRef(change.to) !== lowerRef(actorRef)) {
        await this.tell(incident, change.to, change.role, 'gained');
      }
    }
  }

  private async tell(
    incident: Incident,
    userRef: string,
    roleId: string,
    what: 'gained' | 'lost',
  ) {
    const name = this.roleName(roleId);
    try {
      await notifyPerson(this.deps, lowerRef(userRef), {
        title:
          what === 'gained'
            ? `You are now ${name} of ${incident.ref}`
            : `You are no longer ${name} of ${incident.ref}`,
        description: `${incident.ref} ${incident.severity} (${incident.status}): ${incident.title}`,
        link: `/firebreak/incidents/${incident.ref}`,
        severity: what === 'gained' ? 'high' : 'normal',
        topic: `firebreak:${incident.ref}`,
        // A later change of the same role updates this notice rather than adding another.
        scope: `firebreak:role:${incident.id}:${roleId}:${lowerRef(userRef)}`,
        urgency: 'info',
      });
    } catch (error) {
      this.deps.logger.warn(
        `Could not tell ${userRef} about their role in ${incident.ref}: ${error}`,
      );
    }
  }

  /** "Incident commander" reads "incident commander" inside a sentence. */
  private roleName(roleId: string) {
    const name = this.deps.roles.find(r => r.id === roleId)?.name ?? roleId;
    return `${name.charAt(0).toLocaleLowerCase('en-US')}${name.slice(1)}`;
  }
}
