import {
  Incident,
  IncidentLink,
  IncidentSource,
  IncidentStatus,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { parseJsonColumn } from '../database/json';
import { toDate } from '../database/timestamps';

/**
 * A row of `firebreak_incidents` as the drivers return it.
 *
 * @internal
 */
export interface IncidentRow {
  id: string;
  ref_number: number | string;
  title: string;
  summary: string | null;
  severity: string;
  priority: string;
  impact: string;
  urgency: string;
  status: IncidentStatus;
  source: IncidentSource;
  reporter_ref: string;
  links: string | null;
  started_at: Date | string | number | null;
  detected_at: Date | string | number | null;
  declared_at: Date | string | number;
  acknowledged_at: Date | string | number | null;
  mitigated_at: Date | string | number | null;
  resolved_at: Date | string | number | null;
  closed_at: Date | string | number | null;
  updated_at: Date | string | number;
  version: number | string;
}

/**
 * An incident without what lives in other tables.
 *
 * @internal
 */
export type IncidentFromRow = Omit<
  Incident,
  'entityRefs' | 'roles' | 'responders' | 'subscribers'
>;

const REF_PATTERN = /^inc-(\d+)$/i;
// ref_number is a 32-bit integer column: a larger INC-<n> names no incident, and PostgreSQL
// refuses to compare the column with it.
const MAX_REF_NUMBER = 2_147_483_647;
const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The <n> of an `INC-<n>` reference the column can hold, else undefined.
 *
 * @internal
 */
export function refNumberOf(text: string): number | undefined {
  const match = REF_PATTERN.exec(text);
  const value = match ? Number(match[1]) : NaN;
  return value <= MAX_REF_NUMBER ? value : undefined;
}

/**
 * Whether the text could be an incident's id (a UUID); anything else names no incident.
 *
 * @internal
 */
export function isIncidentId(text: string): boolean {
  return UUID_PATTERN.test(text);
}

/**
 * A timestamp column as ISO 8601, or undefined when it is empty.
 *
 * @internal
 */
export function isoOrUndefined(
  value: Date | string | number | null | undefined,
): string | undefined {
  return value === null || value === undefined
    ? undefined
    : toDate(value).toISOString();
}

/**
 * The incident a row holds.
 *
 * @internal
 */
export function incidentFromRow(row: IncidentRow): IncidentFromRow {
  return {
    id: row.id,
    ref: `INC-${Number(row.ref_number)}`,
    title: row.title,
    summary: row.summary ?? undefined,
    severity: row.severity,
    priority: row.priority,
    impact: row.impact,
    urgency: row.urgency,
    status: row.status,
    source: row.source,
    reporterRef: row.reporter_ref,
    links: parseJsonColumn<IncidentLink[]>(row.links, []),
    startedAt: isoOrUndefined(row.started_at ?? row.declared_at)!,
    detectedAt: isoOrUndefined(row.detected_at),
    declaredAt: isoOrUndefined(row.declared_at)!,
    acknowledgedAt: isoOrUndefined(row.acknowledged_at),
    mitigatedAt: isoOrUndefined(row.mitigated_at),
    resolvedAt: isoOrUndefined(row.resolved_at),
    closedAt: isoOrUndefined(row.closed_at),
    updatedAt: isoOrUndefined(row.updated_at)!,
    version: Number(row.version),
  };
}

/**
 * Hands out the next `INC-<n>` number inside the caller's transaction. The row lock the
 * increment takes makes concurrent declares wait their turn, so every number is handed out once.
 *
 * @internal
 */
export async function nextRefNumber(tx: Knex.Transaction): Promise<number> {
  const name = 'incident_ref';
  const updated = await tx('firebreak_counters')
    .where({ name })
    .increment('value', 1);
  if (!updated) {
    await tx('firebreak_counters').insert({ name, value: 1 });
    return 1;
  }
  const row = await tx('firebreak_counters').where({ name }).first('value');
  return Number(row.value);
}
