import fs from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { BenchConnection, openKnex } from '../common/database';
import { summarizeLatencies } from '../common/load';
import type { RecordedDelivery } from './apiServer';
import { benchEntities, TEAM_COUNT } from './dataset';
import { requestJson } from './setup';

/**
 * What the escalation run measured, in milliseconds.
 *
 * @internal
 */
export interface EscalationResult {
  incidents: number;
  /** Level 1's timeout (the page's next_escalation_at) → level 2 delivered by the notifier. */
  toLevel2: { p50: number; p95: number; max: number; min: number };
  /** The same, to Backstage's notification service (called first, just before). */
  toLevel2Notifications: { p50: number; p95: number; max: number };
  /** Declared (the incident's declaredAt) → level 1 delivered by the notifier. */
  toLevel1: { p50: number; p95: number; max: number };
  /** Whether every page's due time was declaredAt + 1 minute exactly. */
  dueIsDeclaredPlusTimeout: boolean;
  loadAverage: number;
}

const asMillis = (value: Date | number | string) =>
  value instanceof Date ? value.getTime() : new Date(value).getTime();

function summarize(values: number[]) {
  const { p50, p95 } = summarizeLatencies(values);
  return {
    p50,
    p95,
    max: Math.max(...values),
    min: Math.min(...values),
  };
}

function readDeliveries(file: string): RecordedDelivery[] {
  if (!fs.existsSync(file)) {
    return [];
  }
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map(line => JSON.parse(line));
}

/**
 * Declares `count` incidents, one per team (on the team's first entity), `spreadSeconds`
 * apart in all; nobody acknowledges. Each page's level 1 times out after a minute; the
 * paging engine then pages level 2 (the next team's on-call). Waits for every level-2
 * delivery and measures, for each page, the time from its due moment — `next_escalation_at`
 * as the page row holds it while level 1 is paged — to the recorder notifier's delivery.
 *
 * @internal
 */
export async function measureEscalations(options: {
  baseUrl: string;
  headers: Record<string, string>;
  connection: BenchConnection;
  recordFile: string;
  count: number;
  spreadSeconds: number;
  log: (message: string) => void;
}): Promise<EscalationResult> {
  const { baseUrl, headers, count } = options;
  if (count > TEAM_COUNT) {
    throw new Error(`--escalations: at most ${TEAM_COUNT}, one per team`);
  }
  const entities = benchEntities().slice(0, count);
  const incidents: Array<{ id: string; declaredAt: number }> = [];
  const started = Date.now();
  for (let i = 0; i < count; i += 1) {
    const dueAt = started + (i * options.spreadSeconds * 1000) / count;
    await sleep(Math.max(0, dueAt - Date.now()));
    const incident = await requestJson<{ id: string; declaredAt: string }>(
      baseUrl,
      headers,
      'POST',
      '/api/firebreak/incidents',
      {
        title: `Escalation bench ${i + 1}: nobody answers`,
        severity: 'SEV2',
        entityRefs: [entities[i].ref],
      },
    );
    incidents.push({
      id: incident.id,
      declaredAt: Date.parse(incident.declaredAt),
    });
  }

  // The pages as they stand now, level 1 paged and due a minute after the declaration.
  const knex = openKnex(options.connection);
  let pages: Array<{
    id: string;
    incidentId: string;
    dueAt: number;
    declaredAt: number;
  }>;
  try {
    const rows = await knex('firebreak_pages')
      .whereIn(
        'incident_id',
        incidents.map(i => i.id),
      )
      .select('id', 'incident_id', 'level', 'status', 'next_escalation_at');
    const declared = new Map(incidents.map(i => [i.id, i.declaredAt]));
    pages = rows.map(row => {
      if (row.level !== 1 || row.status !== 'active') {
        throw new Error(
          `Page ${row.id} is at level ${row.level} (${row.status}) before its timeout`,
        );
      }
      return {
        id: row.id,
        incidentId: row.incident_id,
        dueAt: asMillis(row.next_escalation_at),
        declaredAt: declared.get(row.incident_id)!,
      };
    });
  } finally {
    await knex.destroy();
  }
  if (pages.length !== count) {
    throw new Error(`${count} incidents started ${pages.length} pages`);
  }
  const lastDue = Math.max(...pages.map(p => p.dueAt));
  options.log(
    `escalation: ${count} incidents declared over ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s; waiting for level 2 until ${(
      (lastDue - Date.now()) / 1000 +
      30
    ).toFixed(0)} s from now at the latest`,
  );

  const keyOf = (pageId: string, level: number) =>
    `firebreak:page:${pageId}:1:${level}`;
  const deliveredAt = (
    deliveries: RecordedDelivery[],
    channel: RecordedDelivery['channel'],
    key: string,
  ) =>
    deliveries.find(
      d =>
        d.channel === channel && (d.key === key || d.key.startsWith(`${key}:`)),
    )?.at;

  const waitingFor = (recorded: RecordedDelivery[]) =>
    pages.filter(page => !deliveredAt(recorded, 'notifier', keyOf(page.id, 2)))
      .length;
  let deliveries = readDeliveries(options.recordFile);
  while (waitingFor(deliveries) > 0) {
    if (Date.now() > lastDue + 30_000) {
      throw new Error(
        `${waitingFor(
          deliveries,
        )} pages still wait for level 2 30 s after the last was due`,
      );
    }
    await sleep(500);
    deliveries = readDeliveries(options.recordFile);
  }

  const toLevel2 = pages.map(
    page =>
      deliveredAt(deliveries, 'notifier', keyOf(page.id, 2))! - page.dueAt,
  );
  const toLevel2Notifications = pages.map(
    page =>
      deliveredAt(deliveries, 'notifications', keyOf(page.id, 2))! - page.dueAt,
  );
  const toLevel1 = pages.map(page => {
    const at = deliveredAt(deliveries, 'notifier', keyOf(page.id, 1));
    if (at === undefined) {
      throw new Error(`Page ${page.id} never delivered level 1`);
    }
    return at - page.declaredAt;
  });
  const level2 = summarize(toLevel2);
  const notifications = summarize(toLevel2Notifications);
  const level1 = summarize(toLevel1);
  return {
    incidents: count,
    toLevel2: level2,
    toLevel2Notifications: {
      p50: notifications.p50,
      p95: notifications.p95,
      max: notifications.max,
    },
    toLevel1: { p50: level1.p50, p95: level1.p95, max: level1.max },
    dueIsDeclaredPlusTimeout: pages.every(
      page => page.dueAt === page.declaredAt + 60_000,
    ),
    loadAverage: os.loadavg()[0],
  };
}
