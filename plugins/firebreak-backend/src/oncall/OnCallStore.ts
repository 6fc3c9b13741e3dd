import { ConflictError, NotFoundError } from '@backstage/errors';
import {
  EscalationLevel,
  EscalationPolicy,
  Schedule,
  ScheduleLayer,
  ScheduleOverrideRecord,
} from '@firebreak/backstage-plugin-common';
import { Knex } from 'knex';
import { randomBytes, randomUUID } from 'node:crypto';
import { parseJsonColumn } from '../database/json';
import { toDate } from '../database/timestamps';
import { lowerRef } from '../refs';

/** @internal */
export interface ScheduleChanges {
  name?: string;
  ownerRef?: string;
  timeZone?: string;
  layers?: ScheduleLayer[];
}

/** @internal */
export interface EscalationPolicyChanges {
  name?: string;
  ownerRef?: string;
  levels?: EscalationLevel[];
  repeat?: number;
  isDefault?: boolean;
}

/**
 * A reminder that someone's on-call shift on a schedule starts soon.
 *
 * @internal
 */
export interface HandoffReminderKey {
  scheduleId: string;
  userRef: string;
  shiftStart: Date;
}

/** One string per reminder, for sets of those sent. */
function reminderKey(scheduleId: string, userRef: string, shiftStart: Date) {
  return `${scheduleId} ${lowerRef(userRef)} ${shiftStart.getTime()}`;
}

/**
 * Whose feed a calendar token opens.
 *
 * @internal
 */
export interface CalendarSubject {
  kind: 'user' | 'schedule';
  subject: string;
}

const UUID_PATTERN =
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A unique-constraint violation, as each driver reports it. */
function isUniqueViolation(error: unknown) {
  const { code, message } = error as { code?: string; message?: string };
  return (
    code === '23505' ||
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    /unique/i.test(message ?? '')
  );
}

/**
 * Reads and writes schedules, overrides, escalation policies and calendar tokens. Updates are
 * optimistic on `version`.
 *
 * @internal
 */
export class OnCallStore {
  constructor(private readonly db: Knex) {}

  async createSchedule(
    input: {
      name: string;
      ownerRef: string;
      timeZone: string;
      layers: ScheduleLayer[];
    },
    now: Date,
  ): Promise<Schedule> {
    const id = randomUUID();
    await this.db('firebreak_schedules').insert({
      id,
      name: input.name,
      owner_ref: lowerRef(input.ownerRef),
      time_zone: input.timeZone,
      layers: JSON.stringify(input.layers),
      version: 1,
      created_at: now,
      updated_at: now,
    });
    return (await this.getSchedule(id, now))!;
  }

  /** A schedule with the overrides that have not ended at `now`. */
  async getSchedule(
    id: string,
    now: Date,
    db: Knex = this.db,
  ): Promise<Schedule | undefined> {
    if (!UUID_PATTERN.test(id)) {
      return undefined;
    }
    const row = await db('firebreak_schedules')
      .where({ id: lowerRef(id) })
      .first();
    if (!row) {
      return undefined;
    }
    const overrides = await this.listOverrides([row.id], now, undefined, db);
    return this.toSchedule(row, overrides.get(row.id) ?? []);
  }

  /** Schedules by id, with the overrides that overlap [from, to) (or not ended at `from`). */
  async getSchedules(
    ids: string[],
    from: Date,
    to?: Date,
    db: Knex = this.db,
  ): Promise<Map<string, Schedule>> {
    const valid = [...new Set(ids.filter(id => UUID_PATTERN.test(id)))];
    if (valid.length === 0) {
      return new Map();
    }
    const rows = await db('firebreak_schedules').whereIn(
      'id',
      valid.map(lowerRef),
    );
    const overrides = await this.listOverrides(
      rows.map(r => r.id),
      from,
      to,
      db,
    );
    return new Map(
      rows.map(row => [
        row.id,
        this.toSchedule(row, overrides.get(row.id) ?? []),
      ]),
    );
  }

  async listSchedules(
    filter: { ownerRefs?: string[] },
    now: Date,
  ): Promise<Schedule[]> {
    const query = this.db('firebreak_schedules').orderBy([
      { column: 'owner_ref' },
      { column: 'name' },
    ]);
    if (filter.ownerRefs) {
      query.whereIn('owner_ref', filter.ownerRefs.map(lowerRef));
    }
    const rows = await query;
    const overrides = await this.listOverrides(
      rows.map(r => r.id),
      now,
      undefined,
    );
    return rows.map(row => this.toSchedule(row, overrides.get(row.id) ?? []));
  }

  async updateSchedule(
    id: string,
    expectedVersion: number,
    changes: ScheduleChanges,
    now: Date,
  ): Promise<Schedule> {
    const updated = await this.db('firebreak_schedules')
      .where({ id, version: expectedVersion })
      .update({
        ...(changes.name !== undefined && { name: changes.name }),
        ...(changes.ownerRef !== undefined && {
          owner_ref: lowerRef(changes.ownerRef),
        }),
        ...(changes.timeZone !== undefined && { time_zone: changes.timeZone }),
        ...(changes.layers !== undefined && {
          layers: JSON.stringify(changes.layers),
        }),
        version: expectedVersion + 1,
        updated_at: now,
      });
    if (!updated) {
      const current = await this.getSchedule(id, now);
      if (!current) {
        throw new NotFoundError(`No schedule ${id}`);
      }
      throw new ConflictError(
        `Schedule ${id} is at version ${current.version}, not ${expectedVersion}: reload and try again`,
      );
    }
    return (await this.getSchedule(id, now))!;
  }

  async deleteSchedule(id: string): Promise<boolean> {
    return (await this.db('firebreak_schedules').where({ id }).delete()) > 0;
  }

  async addOverride(
    scheduleId: string,
    input: { userRef: string; start: Date; end: Date },
    createdBy: string,
    now: Date,
  ): Promise<ScheduleOverrideRecord> {
    const id = randomUUID();
    await this.db('firebreak_schedule_overrides').insert({
      id,
      schedule_id: scheduleId,
      user_ref: lowerRef(input.userRef),
      start_at: input.start,
      end_at: input.end,
      created_by: lowerRef(createdBy),
      created_at: now,
    });
    return {
      id,
      userRef: lowerRef(input.userRef),
      start: input.start.toISOString(),
      end: input.end.toISOString(),
      createdBy: lowerRef(createdBy),
    };
  }

  async deleteOverride(scheduleId: string, overrideId: string) {
    return (
      (await this.db('firebreak_schedule_overrides')
        .where({ schedule_id: scheduleId, id: overrideId })
        .delete()) > 0
    );
  }

  async createPolicy(
    input: {
      name: string;
      ownerRef: string;
      levels: EscalationLevel[];
      repeat: number;
      isDefault?: boolean;
    },
    now: Date,
  ): Promise<EscalationPolicy> {
    const id = randomUUID();
    const ownerRef = lowerRef(input.ownerRef);
    try {
      await this.db.transaction(async tx => {
        const hasDefault = await tx('firebreak_escalation_policies')
          .where({ owner_ref: ownerRef, is_default: true })
          .first('id');
        const isDefault = input.isDefault ?? !hasDefault;
        if (isDefault && hasDefault) {
          await tx('firebreak_escalation_policies')
            .where({ owner_ref: ownerRef, is_default: true })
            .update({ is_default: false, updated_at: now });
        }
        await tx('firebreak_escalation_policies').insert({
          id,
          name: input.name,
          name_key: lowerRef(input.name),
          owner_ref: ownerRef,
          levels: JSON.stringify(input.levels),
          repeat: input.repeat,
          is_default: isDefault,
          version: 1,
          created_at: now,
          updated_at: now,
        });
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `name: an escalation policy named "${input.name}" exists already`,
        );
      }
      throw error;
    }
    return (await this.getPolicy(id))!;
  }

  /** By id, or by name (case-insensitive). */
  async getPolicy(
    idOrName: string,
    db: Knex = this.db,
  ): Promise<EscalationPolicy | undefined> {
    const row = await db('firebreak_escalation_policies')
      .where(
        UUID_PATTERN.test(idOrName)
          ? { id: lowerRef(idOrName) }
          : { name_key: lowerRef(idOrName) },
      )
      .first();
    return row ? this.toPolicy(row) : undefined;
  }

  /** The default policies of these owners, by owner ref. */
  async getDefaultPolicies(
    ownerRefs: string[],
  ): Promise<Map<string, EscalationPolicy>> {
    if (ownerRefs.length === 0) {
      return new Map();
    }
    const rows = await this.db('firebreak_escalation_policies')
      .whereIn('owner_ref', [...new Set(ownerRefs.map(lowerRef))])
      .where({ is_default: true });
    return new Map(rows.map(row => [row.owner_ref, this.toPolicy(row)]));
  }

  /** Policies by id or name, as they are found. */
  async getPolicies(idsOrNames: string[]): Promise<EscalationPolicy[]> {
    const ids = idsOrNames.filter(v => UUID_PATTERN.test(v)).map(lowerRef);
    const names = idsOrNames.filter(v => !UUID_PATTERN.test(v)).map(lowerRef);
    if (ids.length === 0 && names.length === 0) {
      return [];
    }
    const rows = await this.db('firebreak_escalation_policies')
      .whereIn('id', ids)
      .orWhereIn('name_key', names);
    return rows.map(row => this.toPolicy(row));
  }

  async listPolicies(filter: { ownerRefs?: string[] }) {
    const query = this.db('firebreak_escalation_policies').orderBy([
      { column: 'owner_ref' },
      { column: 'name' },
    ]);
    if (filter.ownerRefs) {
      query.whereIn('owner_ref', filter.ownerRefs.map(lowerRef));
    }
    return (await query).map(row => this.toPolicy(row));
  }

  async updatePolicy(
    id: string,
    expectedVersion: number,
    changes: EscalationPolicyChanges,
    now: Date,
  ): Promise<EscalationPolicy> {
    try {
      await this.db.transaction(async tx => {
        const current = await tx('firebreak_escalation_policies')
          .where({ id })
          .first('owner_ref', 'version');
        if (!current) {
          throw new NotFoundError(`No escalation policy ${id}`);
        }
        const ownerRef =
          changes.ownerRef !== undefined
            ? lowerRef(changes.ownerRef)
            : current.owner_ref;
        if (changes.isDefault) {
          await tx('firebreak_escalation_policies')
            .where({ owner_ref: ownerRef, is_default: true })
            .whereNot({ id })
            .update({ is_default: false, updated_at: now });
        }
        const updated = await tx('firebreak_escalation_policies')
          .where({ id, version: expectedVersion })
          .update({
            ...(changes.name !== undefined && {
              name: changes.name,
              name_key: lowerRef(changes.name),
            }),
            owner_ref: ownerRef,
            ...(changes.levels !== undefined && {
              levels: JSON.stringify(changes.levels),
            }),
            ...(changes.repeat !== undefined && { repeat: changes.repeat }),
            ...(changes.isDefault !== undefined && {
              is_default: changes.isDefault,
            }),
            version: expectedVersion + 1,
            updated_at: now,
          });
        if (!updated) {
          throw new ConflictError(
            `Escalation policy ${id} is at version ${current.version}, not ${expectedVersion}: reload and try again`,
          );
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        throw new ConflictError(
          `name: an escalation policy named "${changes.name}" exists already`,
        );
      }
      throw error;
    }
    return (await this.getPolicy(id))!;
  }

  async deletePolicy(id: string): Promise<boolean> {
    return (
      (await this.db('firebreak_escalation_policies').where({ id }).delete()) >
      0
    );
  }

  /** The token of a calendar feed, made on first use. */
  async calendarToken(subject: CalendarSubject, now: Date): Promise<string> {
    const where = { kind: subject.kind, subject: lowerRef(subject.subject) };
    const existing = await this.db('firebreak_calendar_tokens')
      .where(where)
      .first('token');
    if (existing) {
      return existing.token;
    }
    const token = randomBytes(24).toString('base64url');
    try {
      await this.db('firebreak_calendar_tokens').insert({
        ...where,
        token,
        created_at: now,
      });
      return token;
    } catch (error) {
      // Someone made it at the same moment: use theirs.
      const winner = await this.db('firebreak_calendar_tokens')
        .where(where)
        .first('token');
      if (winner) {
        return winner.token;
      }
      throw error;
    }
  }

  /** Replaces the token of a calendar feed (or makes its first): the old one opens nothing. */
  async rotateCalendarToken(
    subject: CalendarSubject,
    now: Date,
  ): Promise<string> {
    const where = { kind: subject.kind, subject: lowerRef(subject.subject) };
    const token = randomBytes(24).toString('base64url');
    try {
      await this.db.transaction(async tx => {
        await tx('firebreak_calendar_tokens').where(where).delete();
        await tx('firebreak_calendar_tokens').insert({
          ...where,
          token,
          created_at: now,
        });
      });
      return token;
    } catch (error) {
      // Rotated at the same moment elsewhere: the old token is gone either way, use theirs.
      const winner = isUniqueViolation(error)
        ? await this.db('firebreak_calendar_tokens').where(where).first('token')
        : undefined;
      if (winner) {
        return winner.token;
      }
      throw error;
    }
  }

  async resolveCalendarToken(
    token: string,
  ): Promise<CalendarSubject | undefined> {
    // MySQL compares strings without regard to case by default: a token differing from a real
    // one only in case would open its feed. Tokens are case-sensitive (base64url), so the
    // candidates the database finds are compared exactly here.
    const rows = await this.db('firebreak_calendar_tokens')
      .where({ token })
      .select('token', 'kind', 'subject');
    const row = rows.find(candidate => candidate.token === token);
    return row ? { kind: row.kind, subject: row.subject } : undefined;
  }

  /**
   * The reminders recorded for shifts starting after `from`, as keys for `hasHandoffReminder`.
   */
  async handoffRemindersSince(from: Date): Promise<Set<string>> {
    const rows = await this.db('firebreak_handoff_reminders')
      .where('shift_start', '>', from)
      .select('schedule_id', 'user_ref', 'shift_start');
    return new Set(
      rows.map(row =>
        reminderKey(row.schedule_id, row.user_ref, toDate(row.shift_start)),
      ),
    );
  }

  /** Whether a reminder is among those `handoffRemindersSince` found. */
  hasHandoffReminder(recorded: Set<string>, reminder: HandoffReminderKey) {
    return recorded.has(
      reminderKey(reminder.scheduleId, reminder.userRef, reminder.shiftStart),
    );
  }

  /**
   * Records a reminder, then delivers it: a reminder recorded already (by this or another
   * replica) is not delivered again and answers false, and one whose delivery fails is forgotten
   * again, so a later run tries again.
   *
   * The delivery is outside any transaction on purpose. Backstage's notification service signs
   * its request with the plugin's key, kept in the plugin's own database; on SQLite that database
   * has one connection, so a transaction held across the delivery waited on itself until the
   * pool gave up (a minute). The price: a replica that dies between recording and delivering
   * loses that one reminder.
   */
  async recordHandoffReminder(
    reminder: HandoffReminderKey,
    now: Date,
    deliver: () => Promise<void>,
  ): Promise<boolean> {
    const key = {
      schedule_id: reminder.scheduleId,
      user_ref: lowerRef(reminder.userRef),
      shift_start: reminder.shiftStart,
    };
    try {
      await this.db('firebreak_handoff_reminders').insert({
        ...key,
        sent_at: now,
      });
    } catch (error) {
      if (isUniqueViolation(error)) {
        return false;
      }
      throw error;
    }
    try {
      await deliver();
    } catch (error) {
      await this.db('firebreak_handoff_reminders').where(key).delete();
      throw error;
    }
    return true;
  }

  /** Forgets reminders of shifts that started before `before`; answers how many. */
  async pruneHandoffReminders(before: Date): Promise<number> {
    return this.db('firebreak_handoff_reminders')
      .where('shift_start', '<', before)
      .delete();
  }

  private async listOverrides(
    scheduleIds: string[],
    from: Date,
    to: Date | undefined,
    db: Knex = this.db,
  ): Promise<Map<string, ScheduleOverrideRecord[]>> {
    const result = new Map<string, ScheduleOverrideRecord[]>();
    if (scheduleIds.length === 0) {
      return result;
    }
    const query = db('firebreak_schedule_overrides')
      .whereIn('schedule_id', scheduleIds)
      .where('end_at', '>', from)
      .orderBy([{ column: 'created_at' }, { column: 'id' }]);
    if (to) {
      query.where('start_at', '<', to);
    }
    for (const row of await query) {
      const list = result.get(row.schedule_id) ?? [];
      list.push({
        id: row.id,
        userRef: row.user_ref,
        start: toDate(row.start_at).toISOString(),
        end: toDate(row.end_at).toISOString(),
        createdBy: row.created_by,
      });
      result.set(row.schedule_id, list);
    }
    return result;
  }

  private toSchedule(
    row: Record<string, any>,
    overrides: ScheduleOverrideRecord[],
  ): Schedule {
    return {
      id: row.id,
      name: row.name,
      ownerRef: row.owner_ref,
      timeZone: row.time_zone,
      layers: parseJsonColumn<ScheduleLayer[]>(row.layers, []),
      overrides,
      version: Number(row.version),
      createdAt: toDate(row.created_at).toISOString(),
      updatedAt: toDate(row.updated_at).toISOString(),
    };
  }

  private toPolicy(row: Record<string, any>): EscalationPolicy {
    return {
      id: row.id,
      name: row.name,
      ownerRef: row.owner_ref,
      levels: parseJsonColumn<EscalationLevel[]>(row.levels, []),
      repeat: Number(row.repeat),
      isDefault: Boolean(row.is_default),
      version: Number(row.version),
      createdAt: toDate(row.created_at).toISOString(),
      updatedAt: toDate(row.updated_at).toISOString(),
    };
  }
}
