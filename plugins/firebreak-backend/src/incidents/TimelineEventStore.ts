import { NotFoundError } from '@backstage/errors';
import { TimelineEvent } from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { parseJsonColumn } from '../database/json';
import { toDate } from '../database/timestamps';
import { lowerRef } from '../refs';

/**
 * A timeline event before it is stored: the store gives it an id and a place in order.
 *
 * @internal
 */
export type NewTimelineEvent = Omit<TimelineEvent, 'id' | 'incidentId'>;

/**
 * Incidents' timelines: immutable events, each with its place (`seq`) in its incident's order.
 * Appends lock the incident's row, so concurrent appends take turns for their places.
 *
 * @internal
 */
export class TimelineEventStore {
  constructor(private readonly db: Knex) {}

  /** Adds events to the timeline without changing the incident itself. */
  async append(
    id: string,
    events: NewTimelineEvent[],
  ): Promise<TimelineEvent[]> {
    return this.db.transaction(async tx => {
      const incident = await tx('firebreak_incidents')
        .where({ id })
        .forUpdate()
        .first('id');
      if (!incident) {
        throw new NotFoundError(`No incident ${id}`);
      }
      return this.insert(tx, id, events);
    });
  }

  /**
   * Adds events to the timeline inside the caller's transaction, which then holds the
   * incident's row lock until it ends.
   */
  async appendInTransaction(
    tx: Knex.Transaction,
    id: string,
    events: NewTimelineEvent[],
  ): Promise<TimelineEvent[]> {
    if (events.length === 0) {
      return [];
    }
    await tx('firebreak_incidents').where({ id }).forUpdate().first('id');
    return this.insert(tx, id, events);
  }

  /**
   * Writes events after the incident's last one, inside a transaction that already holds the
   * incident's row (it created or updated it, or locked it).
   */
  async insert(
    tx: Knex.Transaction,
    incidentId: string,
    events: NewTimelineEvent[],
  ): Promise<TimelineEvent[]> {
    if (events.length === 0) {
      return [];
    }
    const [{ max }] = await tx('firebreak_timeline_events')
      .where({ incident_id: incidentId })
      .max({ max: 'seq' });
    let seq = Number(max ?? 0);
    const stored = events.map(
      event =>
        ({
          ...event,
          id: randomUUID(),
          incidentId,
          actorRef: lowerRef(event.actorRef),
        } as TimelineEvent),
    );
    await tx('firebreak_timeline_events').insert(
      stored.map(event => ({
        id: event.id,
        incident_id: incidentId,
        type: event.type,
        actor_ref: event.actorRef,
        at: new Date(event.at),
        seq: ++seq,
        data: JSON.stringify(event.data),
      })),
    );
    return stored;
  }

  /** The timeline, oldest first. */
  async list(id: string): Promise<TimelineEvent[]> {
    const rows = await this.db('firebreak_timeline_events')
      .where({ incident_id: id })
      .orderBy('seq', 'asc');
    return rows.map(
      row =>
        ({
          id: row.id,
          incidentId: row.incident_id,
          type: row.type,
          actorRef: row.actor_ref,
          at: toDate(row.at).toISOString(),
          data: parseJsonColumn(row.data, {}),
        } as TimelineEvent),
    );
  }
}
