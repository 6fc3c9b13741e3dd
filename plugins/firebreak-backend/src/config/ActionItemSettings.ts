import { Config } from '@backstage/config';
import {
  ACTION_ITEM_PRIORITIES,
  ActionItemPriority,
} from '@firebreak/backstage-plugin-common';

/**
 * How long after the incident's resolution an action item is due, by priority and by incident
 * severity (`default` for severities not named); a priority without days has no due date.
 *
 * @internal
 */
export type ActionItemDueDays = Record<
  ActionItemPriority,
  Record<string, number> | undefined
>;

/**
 * The action item settings from `firebreak.actionItems`.
 *
 * @internal
 */
export interface ActionItemSettings {
  dueDays: ActionItemDueDays;
  reminders: {
    /**
     * How many days before the due day the owner is reminded; the due day and every later day
     * too. Days are the owner's local days.
     */
    daysBefore: number;
    /** The local hour (0–23) from which a day's reminder goes out, in the owner's time zone. */
    hour: number;
    /** How often the reminder task looks, in minutes; 0 turns reminders off. */
    intervalMinutes: number;
  };
  tickets: {
    /**
     * How often the state of tickets created from items is read back, in minutes: the task runs
     * this often and reads each ticket at most once per interval; 0 turns reading back off.
     */
    syncIntervalMinutes: number;
  };
}

/**
 * The research note's defaults (PagerDuty's): priority actions are due 15 days after a SEV1
 * is resolved and 30 after a SEV2 (or anything else); P2 and P3 have no target.
 *
 * @internal
 */
export const DEFAULT_ACTION_ITEM_DUE_DAYS: ActionItemDueDays = {
  P0: { SEV1: 15, SEV2: 30, default: 30 },
  P1: { SEV1: 15, SEV2: 30, default: 30 },
  P2: undefined,
  P3: undefined,
};

/**
 * Reads `firebreak.actionItems`; a mistake stops the plugin at start with a message naming the key.
 *
 * @internal
 */
export function readActionItemSettings(config: Config): ActionItemSettings {
  const root = config.getOptionalConfig('firebreak.actionItems');
  const dueConfig = root?.getOptionalConfig('dueDays');
  const dueDays = { ...DEFAULT_ACTION_ITEM_DUE_DAYS };
  for (const key of dueConfig?.keys() ?? []) {
    if (!ACTION_ITEM_PRIORITIES.includes(key as ActionItemPriority)) {
      throw new Error(
        `firebreak.actionItems.dueDays.${key} is not a priority (${ACTION_ITEM_PRIORITIES.join(
          ', ',
        )})`,
      );
    }
    const bySeverity = dueConfig!.getConfig(key);
    const days: Record<string, number> = {};
    for (const severity of bySeverity.keys()) {
      const value = bySeverity.getNumber(severity);
      if (!Number.isInteger(value) || value < 1) {
        throw new Error(
          `firebreak.actionItems.dueDays.${key}.${severity} must be a whole number of days, 1 or more, not ${value}`,
        );
      }
      days[severity] = value;
    }
    dueDays[key as ActionItemPriority] =
      Object.keys(days).length > 0 ? days : undefined;
  }
  const reminders = {
    daysBefore: root?.getOptionalNumber('reminders.daysBefore') ?? 2,
    hour: root?.getOptionalNumber('reminders.hour') ?? 9,
    intervalMinutes: root?.getOptionalNumber('reminders.intervalMinutes') ?? 15,
  };
  if (!Number.isInteger(reminders.daysBefore) || reminders.daysBefore < 0) {
    throw new Error(
      `firebreak.actionItems.reminders.daysBefore must be a whole number of days, 0 or more, not ${reminders.daysBefore}`,
    );
  }
  if (
    !Number.isInteger(reminders.hour) ||
    reminders.hour < 0 ||
    reminders.hour > 23
  ) {
    throw new Error(
      `firebreak.actionItems.reminders.hour must be a whole hour from 0 to 23, not ${reminders.hour}`,
    );
  }
  if (!(reminders.intervalMinutes >= 0)) {
    throw new Error(
      `firebreak.actionItems.reminders.intervalMinutes must be 0 or more, not ${reminders.intervalMinutes}`,
    );
  }
  const tickets = {
    syncIntervalMinutes:
      root?.getOptionalNumber('tickets.syncIntervalMinutes') ?? 5,
  };
  if (!(tickets.syncIntervalMinutes >= 0)) {
    throw new Error(
      `firebreak.actionItems.tickets.syncIntervalMinutes must be 0 or more, not ${tickets.syncIntervalMinutes}`,
    );
  }
  return { dueDays, reminders, tickets };
}

/**
 * The days after which an item of a priority, from an incident of a severity, is due: the
 * entity's annotation if it has one (for priorities that have a target at all), else the table.
 *
 * @internal
 */
export function dueDaysFor(
  dueDays: ActionItemDueDays,
  priority: ActionItemPriority,
  severity: string,
  annotated?: number,
): number | undefined {
  const bySeverity = dueDays[priority];
  if (!bySeverity) {
    return undefined;
  }
  return annotated ?? bySeverity[severity] ?? bySeverity.default;
}
