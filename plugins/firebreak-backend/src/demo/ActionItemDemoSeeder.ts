import { LoggerService } from '@backstage/backend-plugin-api';
import {
  ActionItemPriority,
  ActionItemStatus,
  ActionItemType,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { ActionItemStore } from '../actionItems/ActionItemStore';
import { toDate } from '../database/timestamps';

const DAY = 24 * 60 * 60 * 1000;

// Follow-ups as teams write them: verb first, specific, bounded.
const FOLLOW_UPS: Array<{
  title: string;
  type: ActionItemType;
  priority: ActionItemPriority;
  /**
   * Due this many days after resolution; negative: that many days before now, so the demo
   * always shows overdue items whatever day it starts on.
   */
  dueDays: number;
  status: ActionItemStatus;
}> = [
  {
    title: 'Alert on connection pool saturation above 80%',
    type: 'detect',
    priority: 'P1',
    dueDays: -3,
    status: 'open',
  },
  {
    title: 'Add a circuit breaker around the card processor client',
    type: 'prevent',
    priority: 'P0',
    dueDays: 15,
    status: 'done',
  },
  {
    title: 'Write the runbook step for failing over the primary database',
    type: 'mitigate',
    priority: 'P1',
    dueDays: 30,
    status: 'in_progress',
  },
  {
    title: 'Page the owning team, not the platform rotation, for this service',
    type: 'process',
    priority: 'P2',
    dueDays: 45,
    status: 'wont_do',
  },
];

/**
 * Seeds follow-ups for the demo incidents that were resolved, once: some overdue, some done,
 * one not to be done. Owners are the incidents' commanders and the impacted entities' teams.
 *
 * @internal
 */
export async function seedActionItemDemoData(options: {
  knex: Knex;
  store: ActionItemStore;
  logger: LoggerService;
  now: Date;
}) {
  const { knex, store, logger, now } = options;
  const [{ count }] = await knex('firebreak_action_items').count({
    count: '*',
  });
  if (Number(count) > 0) {
    return;
  }
  const incidents = await knex('firebreak_incidents')
    .whereNotNull('resolved_at')
    .orderBy('resolved_at', 'desc')
    .limit(8)
    .select('id', 'ref_number', 'resolved_at');
  let seeded = 0;
  for (const [index, incident] of incidents.entries()) {
    const [entity, commander] = await Promise.all([
      knex('firebreak_incident_entities')
        .where({ incident_id: incident.id })
        .orderBy('entity_ref')
        .first('entity_ref', 'owner_ref'),
      knex('firebreak_incident_roles')
        .where({ incident_id: incident.id, role: 'commander' })
        .first('user_ref'),
    ]);
    if (!entity) continue;
    const resolvedAt = toDate(incident.resolved_at);
    for (const [n, followUp] of FOLLOW_UPS.entries()) {
      if ((index + n) % 2 === 1) continue;
      const dueAt = new Date(
        followUp.dueDays < 0
          ? now.getTime() + (followUp.dueDays - index) * DAY
          : resolvedAt.getTime() + followUp.dueDays * DAY,
      );
      const finished =
        followUp.status === 'done' || followUp.status === 'wont_do';
      await store.insert({
        id: randomUUID(),
        title: followUp.title,
        description: `Follow-up of INC-${incident.ref_number}.`,
        type: followUp.type,
        priority: followUp.priority,
        status: followUp.status,
        ownerRef:
          n % 2 === 0 && commander ? commander.user_ref : entity.owner_ref,
        ownerGroupRef: entity.owner_ref ?? null,
        entityRef: entity.entity_ref,
        incidentId: incident.id,
        incidentRef: `INC-${incident.ref_number}`,
        postmortemId: null,
        runbookId: null,
        dueAt,
        completedAt:
          followUp.status === 'done'
            ? new Date(Math.min(dueAt.getTime(), now.getTime()))
            : null,
        wontDoReason:
          followUp.status === 'wont_do'
            ? 'The routing change in the escalation policy already covers it.'
            : null,
        ticketUrl: null,
        ticketExporterId: null,
        ticketExternalId: null,
        creatorRef: commander?.user_ref ?? entity.owner_ref,
        createdAt: resolvedAt,
        updatedAt: finished ? now : resolvedAt,
        version: 1,
      });
      seeded += 1;
    }
  }
  logger.info(`Seeded ${seeded} demo action items`);
}
