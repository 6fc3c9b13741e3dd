import { Knex } from 'knex';
import { toDate } from '../database/timestamps';
import { lowerRef } from '../refs';

/**
 * An impacted entity as stored: its ref and, when the catalog knew it, its owner.
 *
 * @internal
 */
export interface ImpactedEntity {
  entityRef: string;
  ownerRef?: string;
}

/**
 * Who and what an incident involves, in the tables beside the incident's row.
 *
 * @internal
 */
export interface IncidentMembers {
  entityRefs: string[];
  roles: Record<string, string>;
  responders: string[];
  subscribers: string[];
}

/**
 * Collections to store for an incident; each one given replaces what is stored.
 *
 * @internal
 */
export interface IncidentMemberChanges {
  entities?: ImpactedEntity[];
  roles?: Record<string, string>;
  responders?: string[];
  subscribers?: string[];
}

type ParticipantKind = 'responder' | 'subscriber';

/**
 * An incident's impacted entities, role holders, responders and subscribers: written with the
 * incident in its transaction, read back with it.
 *
 * @internal
 */
export class IncidentMemberStore {
  constructor(private readonly db: Knex) {}

  /** The members of one incident, in a stable order. */
  async read(incidentId: string, db: Knex = this.db): Promise<IncidentMembers> {
    const [entities, roles, participants] = await Promise.all([
      db('firebreak_incident_entities')
        .where({ incident_id: incidentId })
        .orderBy('entity_ref')
        .select('entity_ref', 'owner_ref'),
      db('firebreak_incident_roles')
        .where({ incident_id: incidentId })
        .select('role', 'user_ref'),
      db('firebreak_incident_participants')
        .where({ incident_id: incidentId })
        .orderBy('entity_ref')
        .select('kind', 'entity_ref'),
    ]);
    return {
      entityRefs: entities.map(e => e.entity_ref),
      roles: Object.fromEntries(roles.map(r => [r.role, r.user_ref])),
      responders: participants
        .filter(p => p.kind === 'responder')
        .map(p => p.entity_ref),
      subscribers: participants
        .filter(p => p.kind === 'subscriber')
        .map(p => p.entity_ref),
    };
  }

  /** The owners of an incident's impacted entities, as recorded when they were added. */
  async ownerRefs(incidentId: string): Promise<string[]> {
    const rows = await this.db('firebreak_incident_entities')
      .where({ incident_id: incidentId })
      .whereNotNull('owner_ref')
      .distinct('owner_ref');
    return rows.map(r => r.owner_ref);
  }

  /** Stores the members of a new incident, declared at `declaredAt`. */
  async add(
    tx: Knex.Transaction,
    incidentId: string,
    members: Required<IncidentMemberChanges>,
    declaredAt: Date,
  ): Promise<void> {
    await this.writeEntities(tx, incidentId, members.entities, declaredAt);
    await this.writeRoles(tx, incidentId, members.roles);
    await this.writeParticipants(
      tx,
      incidentId,
      'responder',
      members.responders,
    );
    await this.writeParticipants(
      tx,
      incidentId,
      'subscriber',
      members.subscribers,
    );
  }

  /** Replaces each collection given; the others stay as they are. */
  async replace(
    tx: Knex.Transaction,
    incidentId: string,
    changes: IncidentMemberChanges,
  ): Promise<void> {
    if (changes.entities) {
      // Impacted entities carry the declaring time: the history index is ordered on it.
      const { declared_at } = await tx('firebreak_incidents')
        .where({ id: incidentId })
        .first('declared_at');
      await tx('firebreak_incident_entities')
        .where({ incident_id: incidentId })
        .delete();
      await this.writeEntities(
        tx,
        incidentId,
        changes.entities,
        toDate(declared_at),
      );
    }
    if (changes.roles) {
      await tx('firebreak_incident_roles')
        .where({ incident_id: incidentId })
        .delete();
      await this.writeRoles(tx, incidentId, changes.roles);
    }
    for (const [kind, refs] of [
      ['responder', changes.responders],
      ['subscriber', changes.subscribers],
    ] as [ParticipantKind, string[] | undefined][]) {
      if (refs) {
        await tx('firebreak_incident_participants')
          .where({ incident_id: incidentId, kind })
          .delete();
        await this.writeParticipants(tx, incidentId, kind, refs);
      }
    }
  }

  private async writeEntities(
    tx: Knex.Transaction,
    incidentId: string,
    entities: ImpactedEntity[],
    declaredAt: Date,
  ) {
    const unique = new Map<string, ImpactedEntity>();
    for (const entity of entities) {
      unique.set(lowerRef(entity.entityRef), entity);
    }
    if (unique.size === 0) {
      return;
    }
    await tx('firebreak_incident_entities').insert(
      [...unique].map(([entityRef, entity]) => ({
        incident_id: incidentId,
        entity_ref: entityRef,
        owner_ref: entity.ownerRef ? lowerRef(entity.ownerRef) : null,
        declared_at: declaredAt,
      })),
    );
  }

  private async writeRoles(
    tx: Knex.Transaction,
    incidentId: string,
    roles: Record<string, string>,
  ) {
    const rows = Object.entries(roles)
      .filter(([, userRef]) => Boolean(userRef))
      .map(([role, userRef]) => ({
        incident_id: incidentId,
        role,
        user_ref: lowerRef(userRef),
      }));
    if (rows.length > 0) {
      await tx('firebreak_incident_roles').insert(rows);
    }
  }

  private async writeParticipants(
    tx: Knex.Transaction,
    incidentId: string,
    kind: ParticipantKind,
    refs: string[],
  ) {
    const unique = [...new Set(refs.map(lowerRef))];
    if (unique.length > 0) {
      await tx('firebreak_incident_participants').insert(
        unique.map(entityRef => ({
          incident_id: incidentId,
          kind,
          entity_ref: entityRef,
        })),
      );
    }
  }
}
