import { ConflictError, NotFoundError } from '@backstage/errors';
import { Postmortem } from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { parseJsonColumn } from '../database/json';
import { isUniqueViolation, PostmortemStore } from './PostmortemStore';

const POSTMORTEMS = 'firebreak_postmortems';
const COVERED = 'firebreak_postmortem_incidents';

/**
 * Writes which incidents a postmortem covers besides its primary one. Each change moves the
 * postmortem's version on, in the same transaction; one unique index keeps an incident under at
 * most one postmortem, however two requests race.
 *
 * @internal
 */
export class PostmortemCoverageStore {
  constructor(
    private readonly db: Knex,
    private readonly postmortems: PostmortemStore,
  ) {}

  /**
   * Adds an incident if the postmortem is still at `expectedVersion`; a ConflictError when it
   * changed first, or when the incident is under a postmortem already.
   */
  async attach(
    postmortemId: string,
    expectedVersion: number,
    incidentId: string,
    addedBy: string,
    at: Date,
  ): Promise<Postmortem> {
    await this.db.transaction(async tx => {
      const updated = await tx(POSTMORTEMS)
        .where({ id: postmortemId, version: expectedVersion })
        .update({ version: expectedVersion + 1, updated_at: at });
      if (updated === 0) {
        await this.postmortems.throwStale(tx, postmortemId, expectedVersion);
      }
      try {
        await tx(COVERED).insert({
          postmortem_id: postmortemId,
          incident_id: incidentId,
          added_by: addedBy,
          added_at: at,
        });
      } catch (error) {
        if (isUniqueViolation(error)) {
          throw new ConflictError(
            'incidentRef: the incident is covered by a postmortem already',
          );
        }
        throw error;
      }
    });
    return (await this.postmortems.get(postmortemId))!;
  }

  /**
   * Removes an attached incident, with the starred events that were its own; the version moves
   * on whatever it was, as the caller sent none. A NotFoundError when it is not attached.
   */
  async detach(
    postmortemId: string,
    incidentId: string,
    incidentEventIds: Set<string>,
    at: Date,
  ): Promise<Postmortem> {
    await this.db.transaction(async tx => {
      const row = await tx(POSTMORTEMS)
        .where({ id: postmortemId })
        .forUpdate()
        .first('incident_id', 'starred_event_ids');
      const removed = await tx(COVERED)
        .where({ postmortem_id: postmortemId, incident_id: incidentId })
        .whereNot('incident_id', row?.incident_id ?? '')
        .delete();
      if (!row || removed === 0) {
        throw new NotFoundError(
          'The incident is not attached to this postmortem',
        );
      }
      const starred = parseJsonColumn<string[]>(row.starred_event_ids, []);
      await tx(POSTMORTEMS)
        .where({ id: postmortemId })
        .update({
          starred_event_ids: JSON.stringify(
            starred.filter(id => !incidentEventIds.has(id)),
          ),
          updated_at: at,
          version: tx.raw('version + 1'),
        });
    });
    return (await this.postmortems.get(postmortemId))!;
  }
}
