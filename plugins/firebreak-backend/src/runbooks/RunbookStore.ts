import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  Runbook,
  RunbookStep,
  RunbookVersionSummary,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomUUID } from 'node:crypto';
import { parseJsonColumn } from '../database/json';
import { toDate } from '../database/timestamps';

/**
 * A runbook's content as one version holds it; refs already normalized, steps without ids
 * still to be numbered.
 *
 * @internal
 */
export interface RunbookContent {
  title: string;
  body: string;
  steps: Array<Omit<RunbookStep, 'id'> & { id?: string }>;
  ownerRef: string;
  entityRefs: string[];
  severities: string[];
}

const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const VERSION_COLUMNS = [
  'v.runbook_id',
  'v.version',
  'v.title',
  'v.body',
  'v.steps',
  'v.owner_ref',
  'v.entity_refs',
  'v.severities',
  'v.created_at',
  'v.created_by',
  'r.version as latest_version',
];

function runbookOf(row: any): Runbook {
  return {
    id: row.runbook_id,
    title: row.title,
    body: row.body,
    steps: parseJsonColumn<RunbookStep[]>(row.steps, []),
    ownerRef: row.owner_ref,
    entityRefs: parseJsonColumn<string[]>(row.entity_refs, []),
    severities: parseJsonColumn<string[]>(row.severities, []),
    version: Number(row.version),
    latestVersion: Number(row.latest_version),
    createdAt: toDate(row.created_at).toISOString(),
    createdBy: row.created_by,
  };
}

/**
 * Gives the steps without an id the next free numbers (`s<n>`), so ids stay stable while a step
 * is kept and a removed step's id is never handed to another; answers the next free number.
 *
 * @internal
 */
export function numberSteps(
  steps: RunbookContent['steps'],
  nextNumber: number,
): { steps: RunbookStep[]; nextNumber: number } {
  let next = nextNumber;
  for (const step of steps) {
    const match = /^s(\d+)$/.exec(step.id ?? '');
    if (match) next = Math.max(next, Number(match[1]) + 1);
  }
  const numbered = steps.map(step => {
    const { id, title, body, url } = step;
    return {
      id: id ?? `s${next++}`,
      title,
      ...(body ? { body } : {}),
      ...(url ? { url } : {}),
    };
  });
  return { steps: numbered, nextNumber: next };
}

/**
 * Reads and writes stored runbooks. Every save writes a new immutable version row in the same
 * transaction as the current version and the entity attachments; saves are optimistic on
 * `version`.
 *
 * @internal
 */
export class RunbookStore {
  constructor(private readonly db: Knex) {}

  async createRunbook(
    content: RunbookContent,
    actorRef: string,
    now: Date,
  ): Promise<Runbook> {
    const id = randomUUID();
    const { steps, nextNumber } = numberSteps(content.steps, 1);
    await this.db.transaction(async tx => {
      await tx('firebreak_runbooks').insert({
        id,
        owner_ref: content.ownerRef,
        version: 1,
        next_step_number: nextNumber,
        created_at: now,
        updated_at: now,
      });
      await this.writeVersion(tx, id, 1, { ...content, steps }, actorRef, now);
    });
    return (await this.getRunbook(id))!;
  }

  /** Saves a new version against the one it was based on; ConflictError when it is stale. */
  async saveVersion(
    id: string,
    basedOn: number,
    content: RunbookContent,
    actorRef: string,
    now: Date,
  ): Promise<Runbook> {
    await this.db.transaction(async tx => {
      const current = await tx('firebreak_runbooks')
        .where({ id })
        .forUpdate()
        .first('version', 'next_step_number');
      if (!current) {
        throw new NotFoundError(`No runbook ${id}`);
      }
      if (Number(current.version) !== basedOn) {
        throw new ConflictError(
          `The runbook is at version ${current.version}, not ${basedOn}: reload it and save again`,
        );
      }
      const version = basedOn + 1;
      const { steps, nextNumber } = numberSteps(
        content.steps,
        Number(current.next_step_number),
      );
      await tx('firebreak_runbooks').where({ id }).update({
        owner_ref: content.ownerRef,
        version,
        next_step_number: nextNumber,
        updated_at: now,
      });
      await tx('firebreak_runbook_entities').where({ runbook_id: id }).delete();
      await this.writeVersion(
        tx,
        id,
        version,
        { ...content, steps },
        actorRef,
        now,
      );
    });
    return (await this.getRunbook(id))!;
  }

  /** The runbook at a version, by default its current one; undefined when there is none. */
  async getRunbook(id: string, version?: number): Promise<Runbook | undefined> {
    if (!UUID_PATTERN.test(id)) {
      return undefined;
    }
    const query = this.db('firebreak_runbook_versions as v')
      .join('firebreak_runbooks as r', 'r.id', 'v.runbook_id')
      .where('v.runbook_id', id);
    if (version === undefined) {
      query.whereRaw('v.version = r.version');
    } else {
      query.where('v.version', version);
    }
    const row = await query.first(VERSION_COLUMNS);
    return row && runbookOf(row);
  }

  /** The owner of a runbook, for permission checks. */
  async getOwnerRef(id: string): Promise<string | undefined> {
    if (!UUID_PATTERN.test(id)) {
      return undefined;
    }
    const row = await this.db('firebreak_runbooks')
      .where({ id })
      .first('owner_ref');
    return row?.owner_ref;
  }

  /** A runbook's history, newest first; undefined when there is no such runbook. */
  async listVersions(id: string): Promise<RunbookVersionSummary[] | undefined> {
    if (!(await this.getOwnerRef(id))) {
      return undefined;
    }
    const rows = await this.db('firebreak_runbook_versions')
      .where({ runbook_id: id })
      .orderBy('version', 'desc')
      .select('version', 'title', 'created_at', 'created_by');
    return rows.map(row => ({
      version: Number(row.version),
      title: row.title,
      createdAt: toDate(row.created_at).toISOString(),
      createdBy: row.created_by,
    }));
  }

  /** The current versions of the runbooks attached to any of the entities, by title. */
  async listForEntities(entityRefs: string[]): Promise<Runbook[]> {
    if (entityRefs.length === 0) {
      return [];
    }
    const rows = await this.db('firebreak_runbook_versions as v')
      .join('firebreak_runbooks as r', 'r.id', 'v.runbook_id')
      .whereRaw('v.version = r.version')
      .whereIn(
        'v.runbook_id',
        this.db('firebreak_runbook_entities')
          .whereIn('entity_ref', entityRefs)
          .select('runbook_id'),
      )
      .orderBy([
        { column: 'v.title', order: 'asc' },
        { column: 'v.runbook_id', order: 'asc' },
      ])
      .select(VERSION_COLUMNS);
    return rows.map(runbookOf);
  }

  /** How many runbooks are stored, for seeding demo data once. */
  async countRunbooks(): Promise<number> {
    const [{ count }] = await this.db('firebreak_runbooks').count({
      count: '*',
    });
    return Number(count);
  }

  private async writeVersion(
    tx: Knex.Transaction,
    id: string,
    version: number,
    content: RunbookContent & { steps: RunbookStep[] },
    actorRef: string,
    now: Date,
  ) {
    await tx('firebreak_runbook_versions').insert({
      runbook_id: id,
      version,
      title: content.title,
      body: content.body,
      steps: JSON.stringify(content.steps),
      owner_ref: content.ownerRef,
      entity_refs: JSON.stringify(content.entityRefs),
      severities: JSON.stringify(content.severities),
      created_by: actorRef,
      created_at: now,
    });
    await tx('firebreak_runbook_entities').insert(
      content.entityRefs.map(entityRef => ({
        runbook_id: id,
        entity_ref: entityRef,
      })),
    );
  }
}
