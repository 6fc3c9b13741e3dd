import { Knex } from 'knex';
import type { ApiFuzzState } from './apiFuzzState';
import { SpecOperation } from './openApiOperations';

/*
 * The oracles of the OpenAPI fuzz test: what makes one answer wrong, and what must hold of the
 * database after a run.
 */

// Errors whose reason is no field: who is asking, what does not exist, what changed meanwhile,
// and asking again too soon.
const REASON_ERRORS: Record<number, string> = {
  401: 'AuthenticationError',
  403: 'NotAllowedError',
  404: 'NotFoundError',
  409: 'ConflictError',
  429: 'EscalationTooSoonError',
};

/**
 * What is wrong with an answer, or undefined: a 5xx is always wrong; a 4xx must be Backstage's
 * error body, and
 * - a 400 (or 422) message must start with a field path (`title: …`, `entityRefs[0]: …`,
 *   `roles.commander: …`) whose first segment is a body field or a parameter of the operation,
 *   or `body: …` when the body as a whole is at fault;
 * - a 401, 403, 404 or 409 needs no field: its reason is the caller, the resource or a
 *   concurrent change, so it must be the matching error of `@backstage/errors`
 *   (AuthenticationError, NotAllowedError, NotFoundError, ConflictError) with a message;
 * - a 429 (escalating by hand too soon) needs no field either, but a `Retry-After` header;
 * - any other 4xx must name a field as a 400 does.
 */
export function answerProblem(
  operation: SpecOperation,
  status: number,
  body: any,
  headers: Record<string, string | undefined> = {},
): string | undefined {
  if (status >= 500) return `answered ${status}`;
  if (status < 400) return undefined;
  if (status === 429 && !/^\d+$/.test(headers['retry-after'] ?? '')) {
    return 'answered 429 without a Retry-After header in seconds';
  }
  const name: unknown = body?.error?.name;
  const message: unknown = body?.error?.message;
  if (typeof message !== 'string' || message.trim() === '') {
    return `answered ${status} without an error message`;
  }
  const reason = REASON_ERRORS[status];
  if (reason) {
    return name === reason
      ? undefined
      : `answered ${status} as ${String(name)}, not ${reason}: ${message}`;
  }
  const field = /^([A-Za-z][\w-]*)((\[\d+\])|(\.[^\s:.[]+))*: \S/.exec(message);
  if (!field || !(field[1] === 'body' || operation.fieldNames.has(field[1]))) {
    return `answered ${status} with a message that names no field of the operation: ${message}`;
  }
  return undefined;
}

/**
 * The database invariants after a run, as problems found: every incident has exactly one
 * commander; every postmortem covers its own incident; no timeline row, role, participant or page outlives its incident; every active
 * page has its next escalation and a policy snapshot to escalate by; no notification outlives
 * its page; every version is at least 1 and no lower than the highest the API answered.
 */
export async function databaseProblems(
  knex: Knex,
  state: ApiFuzzState,
): Promise<string[]> {
  const problems: string[] = [];
  const incidents = await knex('firebreak_incidents').select(
    'id',
    'version',
    'status',
  );
  const ids = new Set(incidents.map(i => i.id as string));
  const commanders = await knex('firebreak_incident_roles')
    .where({ role: 'commander' })
    .select('incident_id');
  const commanderCount = new Map<string, number>();
  for (const row of commanders) {
    commanderCount.set(
      row.incident_id,
      (commanderCount.get(row.incident_id) ?? 0) + 1,
    );
  }
  for (const incident of incidents) {
    const count = commanderCount.get(incident.id) ?? 0;
    if (count !== 1) {
      problems.push(
        `incident ${incident.id} (${incident.status}) has ${count} commanders`,
      );
    }
  }
  for (const table of [
    'firebreak_timeline_events',
    'firebreak_incident_roles',
    'firebreak_incident_participants',
    'firebreak_pages',
  ]) {
    const orphans = (await knex(table).distinct('incident_id')).filter(
      row => !ids.has(row.incident_id),
    );
    if (orphans.length > 0) {
      problems.push(
        `${table}: ${orphans.length} incident ids with no incident`,
      );
    }
  }
  const pages = await knex('firebreak_pages').select(
    'id',
    'status',
    'next_escalation_at',
    'policy_snapshot',
  );
  for (const page of pages) {
    let levels: unknown;
    try {
      levels = JSON.parse(page.policy_snapshot).levels;
    } catch {
      levels = undefined;
    }
    if (!Array.isArray(levels)) {
      problems.push(`page ${page.id} has no policy snapshot to escalate by`);
    }
    if (page.status === 'active' && page.next_escalation_at === null) {
      problems.push(`active page ${page.id} has no next escalation`);
    }
  }
  const pageIds = new Set(pages.map(p => p.id as string));
  const orphanNotifications = (
    await knex('firebreak_page_notifications').distinct('page_id')
  ).filter(row => !pageIds.has(row.page_id));
  if (orphanNotifications.length > 0) {
    problems.push(
      `${orphanNotifications.length} page notifications with no page`,
    );
  }
  // Every postmortem covers its own incident; no incident is under two postmortems.
  const uncovered = await knex('firebreak_postmortems as p')
    .leftJoin('firebreak_postmortem_incidents as c', join =>
      join
        .on('c.postmortem_id', '=', 'p.id')
        .andOn('c.incident_id', '=', 'p.incident_id'),
    )
    .whereNull('c.incident_id')
    .select('p.id');
  for (const row of uncovered) {
    problems.push(`postmortem ${row.id} does not cover its own incident`);
  }
  for (const [table, template] of [
    ['firebreak_incidents', '/incidents/{idOrRef}'],
    ['firebreak_schedules', '/schedules/{id}'],
    ['firebreak_escalation_policies', '/escalation-policies/{id}'],
    ['firebreak_runbooks', '/runbooks/{id}'],
    ['firebreak_action_items', '/action-items/{id}'],
    ['firebreak_postmortems', '/postmortems/{id}'],
  ]) {
    const seen = state.versionsSeen(template);
    for (const row of await knex(table).select('id', 'version')) {
      const version = Number(row.version);
      if (version < 1)
        problems.push(`${table} ${row.id} has version ${version}`);
      const answered = seen.get(row.id);
      if (answered !== undefined && version < answered) {
        problems.push(
          `${table} ${row.id} has version ${version}, below the ${answered} the API answered`,
        );
      }
    }
  }
  return problems;
}
