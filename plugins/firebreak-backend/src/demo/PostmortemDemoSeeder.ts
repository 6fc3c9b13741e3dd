import { LoggerService } from '@backstage/backend-plugin-api';
import { computePostmortemDueAt } from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { PostmortemSettings } from '../config/PostmortemSettings';
import { toDate } from '../database/timestamps';
import { PostmortemStore } from '../postmortems/PostmortemStore';

const HOUR = 3_600_000;

const DEMO_WHYS = [
  'Why did it fail? The new release broke it.',
  'Why was it released? Its tests passed.',
  'Why did its tests pass? They do not cover this path.',
];

/** What the demo postmortems say, section by section, besides the incident's own summary. */
const DEMO_TEXT: Record<string, string> = {
  impact:
    'Customers saw errors for the duration of the incident; no data was lost.',
  timeline: 'See the starred events below.',
  'contributing-factors':
    'A change went out without a canary stage, and its alert fired only on total failure.',
  detection: 'Detected by a customer report before the alert fired.',
  'response-and-recovery': 'The commander rolled back; recovery took minutes.',
  'what-went-well': 'The rollback was quick and well rehearsed.',
  'what-went-poorly': 'Paging reached the wrong team first.',
  'where-we-got-lucky': 'It happened outside the evening peak.',
  lessons:
    'Canary every change to this service; alert on error rate, not only on outage.',
};

interface IncidentRow {
  id: string;
  title: string;
  severity: string;
  status: string;
  summary: string | null;
  resolved_at: Date | string | number;
}

interface SeedOptions {
  knex: Knex;
  store: PostmortemStore;
  settings: PostmortemSettings;
  logger: LoggerService;
  now?: Date;
}

/**
 * Gives the demo's past major incidents postmortems: the closed ones published (approved by
 * someone other than the owner, recorded on their timelines), those resolved but not closed
 * drafts (overdue by now); and the latest minor incident one in review, which also covers an
 * earlier occurrence of it. Does nothing when any postmortem exists.
 *
 * @internal
 */
export async function seedPostmortemDemoData(
  options: SeedOptions,
): Promise<void> {
  const { knex, settings, logger } = options;
  const [{ count }] = await knex('firebreak_postmortems').count({ count: '*' });
  if (Number(count) > 0) {
    return;
  }
  const now = options.now ?? new Date();
  const majors = await knex('firebreak_incidents')
    .whereIn('severity', settings.requiredSeverities)
    .whereIn('status', ['resolved', 'closed'])
    .orderBy('resolved_at', 'asc')
    .select('id', 'title', 'severity', 'status', 'summary', 'resolved_at');
  // A team reviewing a minor incident of its own accord.
  const minor = await knex('firebreak_incidents')
    .whereNotIn('severity', settings.requiredSeverities)
    .whereIn('status', ['resolved', 'closed'])
    .orderBy('resolved_at', 'desc')
    .first('id', 'title', 'severity', 'status', 'summary', 'resolved_at');
  const plan: Array<[IncidentRow, 'draft' | 'in_review' | 'published']> = [
    ...majors.map((i): [IncidentRow, 'draft' | 'published'] => [
      i,
      i.status === 'closed' ? 'published' : 'draft',
    ]),
    ...(minor ? [[minor, 'in_review'] as [IncidentRow, 'in_review']] : []),
  ];
  for (const [incident, target] of plan) {
    await seedOne(options, incident, target, now);
  }
  if (minor) {
    await coverEarlierOccurrence(knex, minor);
  }
  logger.info(`Seeded ${plan.length} demo postmortems`);
}

/**
 * The minor incident happened before too: its postmortem also covers the latest earlier
 * incident of the same title that has no postmortem of its own, as teams review a recurring
 * problem once.
 */
async function coverEarlierOccurrence(knex: Knex, incident: IncidentRow) {
  const postmortem = await knex('firebreak_postmortems')
    .where({ incident_id: incident.id })
    .first('id', 'created_by', 'created_at');
  const earlier = await knex('firebreak_incidents as i')
    .where({ 'i.title': incident.title })
    .whereNot({ 'i.id': incident.id })
    .whereIn('i.status', ['resolved', 'closed'])
    .whereNotExists(
      knex('firebreak_postmortem_incidents as c').whereRaw(
        'c.incident_id = i.id',
      ),
    )
    .orderBy('i.resolved_at', 'desc')
    .first('i.id');
  if (!postmortem || !earlier) {
    return;
  }
  await knex('firebreak_postmortem_incidents').insert({
    postmortem_id: postmortem.id,
    incident_id: earlier.id,
    added_by: postmortem.created_by,
    added_at: postmortem.created_at,
  });
}

async function seedOne(
  { knex, store, settings }: SeedOptions,
  incident: IncidentRow,
  target: 'draft' | 'in_review' | 'published',
  now: Date,
) {
  const [commander, entity, events] = await Promise.all([
    knex('firebreak_incident_roles')
      .where({ incident_id: incident.id, role: 'commander' })
      .first('user_ref'),
    knex('firebreak_incident_entities')
      .where({ incident_id: incident.id })
      .orderBy('entity_ref')
      .first('owner_ref'),
    knex('firebreak_timeline_events')
      .where({ incident_id: incident.id })
      .whereIn('type', ['declared', 'note', 'status_changed'])
      .orderBy('seq')
      .select('id'),
  ]);
  const ownerRef: string = commander?.user_ref ?? 'user:default/alice.nguyen';
  const resolvedAt = toDate(incident.resolved_at);
  const rule = settings.due[incident.severity];
  const created = await store.create({
    id: randomUUID(),
    incidentId: incident.id,
    status: 'draft',
    required: settings.requiredSeverities.includes(incident.severity),
    ownerRef,
    ownerGroupRef: entity?.owner_ref ?? undefined,
    reviewerRefs: [],
    sections: settings.template.map(section => ({
      id: section.id,
      title: section.title,
      body:
        section.id === 'summary'
          ? incident.summary ?? ''
          : DEMO_TEXT[section.id] ?? '',
      ...(section.whys ? { whys: DEMO_WHYS } : {}),
    })),
    starredEventIds: events.map(e => e.id),
    approvalsRequired: settings.approvalsRequired,
    dueAt: rule
      ? computePostmortemDueAt(resolvedAt, rule).toISOString()
      : undefined,
    createdAt: new Date(resolvedAt.getTime() + HOUR).toISOString(),
    createdBy: ownerRef,
  });
  if (target === 'draft') {
    return;
  }
  const at = new Date(
    Math.min(resolvedAt.getTime() + 48 * HOUR, now.getTime() - HOUR),
  );
  const inReview = await store.update(
    created,
    created.version,
    { status: 'in_review', updatedAt: at },
    [],
  );
  if (target === 'in_review') {
    return;
  }
  const approver =
    ownerRef === 'user:default/hana.sato'
      ? 'user:default/gustavo.ruiz'
      : 'user:default/hana.sato';
  const approved = await store.approve(
    inReview.id,
    inReview.version,
    approver,
    at,
  );
  await store.update(
    approved,
    approved.version,
    { status: 'published', publishedAt: at, updatedAt: at },
    [
      {
        type: 'postmortem_published',
        actorRef: ownerRef,
        at: at.toISOString(),
        data: { postmortemId: created.id },
      },
    ],
  );
}
