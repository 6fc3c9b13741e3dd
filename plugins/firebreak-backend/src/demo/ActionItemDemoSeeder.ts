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

// The four kinds of follow-up each demo incident may get, in this order: how it ends up.
const FOLLOW_UPS: Array<{
  type: ActionItemType;
  priority: ActionItemPriority;
  /**
   * Due this many days after resolution; negative: that many days before now, so the demo
   * always shows overdue items whatever day it starts on.
   */
  dueDays: number;
  status: ActionItemStatus;
}> = [
  { type: 'detect', priority: 'P1', dueDays: -3, status: 'open' },
  { type: 'prevent', priority: 'P0', dueDays: 15, status: 'done' },
  { type: 'mitigate', priority: 'P1', dueDays: 30, status: 'in_progress' },
  { type: 'process', priority: 'P2', dueDays: 45, status: 'wont_do' },
];

// Follow-ups as teams write them, for each demo incident's title: verb first, specific,
// bounded; one per kind above (detect, prevent, mitigate, process).
const TITLES: Record<string, [string, string, string, string]> = {
  'Card payments declined for EU customers': [
    'Alert when EU card authorisations succeed less than 95% of the time',
    'Add a circuit breaker around the EU acquirer client',
    'Document failing over to the secondary acquirer',
    'Announce acquirer certificate rotations in the payments channel',
  ],
  'Search results stale after index rebuild': [
    'Alert when the search index is older than one hour',
    'Switch the search alias only after the new index is verified',
    'Add a one-click rollback to the previous index',
    'Schedule index rebuilds outside peak hours',
  ],
  'Checkout page slow on mobile': [
    'Track checkout load time on mobile in the service dashboard',
    'Set a 200 KB budget for the checkout bundle in CI',
    'Add a feature flag to turn off the address autocomplete',
    'Review third-party scripts on checkout every quarter',
  ],
  'Ledger reconciliation job failing nightly': [
    'Page on the first failed reconciliation run, not the third',
    'Make the reconciliation job resume from its last batch',
    'Write the runbook step for re-running one day of reconciliation',
    'Agree who owns reconciliation failures between Ledger and Finance',
  ],
  'Login loops for customers with old sessions': [
    'Alert on repeated redirects to the login page',
    'Expire sessions issued before a cookie format change',
    'Add a switch to bypass the session upgrade path',
    'Add session format changes to the release checklist',
  ],
  'Fraud scores missing for 3 % of payments': [
    'Alert when more than 0.5% of payments have no fraud score',
    'Retry fraud scoring once before falling back',
    'Queue unscored payments for scoring after the fact',
    'Share the fraud model deploy calendar with Payments',
  ],
  'Payments database replica lag': [
    'Alert on replica lag above 30 seconds',
    'Move reporting queries off the payments replica',
    'Write the runbook step for failing over the primary database',
    'Review vacuum settings with the database team',
  ],
  'Gateway 502s during deploy': [
    'Alert on gateway 502 rate during deploys',
    'Drain gateway connections before pods stop',
    'Add a canary stage to gateway deploys',
    'Announce gateway deploys in the platform channel',
  ],
  'Cart totals wrong with two discount codes': [
    'Alert when cart totals and order totals disagree',
    'Add contract tests for stacked discount codes',
    'Add a switch to refuse a second discount code',
    'Have pricing changes reviewed by the Storefront team',
  ],
  'Elevated 5xx from payments API': [
    'Alert on connection pool saturation above 80%',
    'Size the payments API connection pool from load tests',
    'Add a runbook step to recycle the payments API pods',
    'Page the owning team, not the platform rotation, for this service',
  ],
};

const FALLBACK_TITLES: [string, string, string, string] = [
  'Add an alert that would have caught this earlier',
  'Fix the cause found in the postmortem',
  'Write the runbook step that would have shortened this',
  'Review the escalation policy with the team',
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
    .select('id', 'ref_number', 'title', 'resolved_at');
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
    const titles = TITLES[incident.title] ?? FALLBACK_TITLES;
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
        title: titles[n],
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
