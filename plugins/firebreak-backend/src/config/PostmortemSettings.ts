import { Config } from '@backstage/config';
import { SeverityLevel } from '@firebreak/backstage-plugin-common';

/**
 * A section of the postmortem template.
 *
 * @internal
 */
export interface PostmortemTemplateSection {
  id: string;
  title: string;
  /** Markdown the section starts with, such as prompting questions. */
  body: string;
  /** Whether the section offers a "five whys". */
  whys: boolean;
}

/**
 * When a postmortem is due after its incident is resolved.
 *
 * @internal
 */
export type PostmortemDueRule =
  | { calendarDays: number }
  | { businessDays: number };

/**
 * The `firebreak.postmortems` settings, with the defaults.
 *
 * @internal
 */
export interface PostmortemSettings {
  /** Severities whose incidents need a postmortem (created on resolve, gating close). */
  requiredSeverities: string[];
  /** Approvals by people other than the owner that publishing needs. */
  approvalsRequired: number;
  /** Severity id → due rule; severities without one have no due date. */
  due: Record<string, PostmortemDueRule>;
  /** How long before the due date the owner is reminded, in hours; 0 sends none. */
  reminderHoursBefore: number;
  template: PostmortemTemplateSection[];
}

/** The default template: Google's and PagerDuty's sections. */
export const DEFAULT_POSTMORTEM_TEMPLATE: PostmortemTemplateSection[] = [
  ['summary', 'Summary', false],
  ['impact', 'Impact', false],
  ['timeline', 'Timeline', false],
  ['contributing-factors', 'Contributing factors', true],
  ['detection', 'Detection', false],
  ['response-and-recovery', 'Response and recovery', false],
  ['what-went-well', 'What went well', false],
  ['what-went-poorly', 'What went poorly', false],
  ['where-we-got-lucky', 'Where we got lucky', false],
  ['lessons', 'Lessons', false],
].map(([id, title, whys]) => ({
  id: id as string,
  title: title as string,
  body: '',
  whys: whys as boolean,
}));

function readDueRule(config: Config, key: string): PostmortemDueRule {
  const calendarDays = config.getOptionalNumber('calendarDays');
  const businessDays = config.getOptionalNumber('businessDays');
  const days = calendarDays ?? businessDays;
  if (
    (calendarDays === undefined) === (businessDays === undefined) ||
    !Number.isInteger(days) ||
    days! < 0
  ) {
    throw new Error(
      `firebreak.postmortems.due.${key} must give either calendarDays or businessDays, a whole number of days, 0 or more`,
    );
  }
  return calendarDays !== undefined
    ? { calendarDays }
    : { businessDays: businessDays! };
}

/**
 * Reads and checks `firebreak.postmortems`; a mistake stops the plugin at start with a
 * message naming the key.
 *
 * @internal
 */
export function readPostmortemSettings(
  config: Config,
  severities: SeverityLevel[],
): PostmortemSettings {
  const root = config.getOptionalConfig('firebreak.postmortems');
  const ids = severities.map(s => s.id);
  const requiredSeverities =
    root?.getOptionalStringArray('requiredSeverities') ??
    severities.filter(s => s.major).map(s => s.id);
  for (const id of requiredSeverities) {
    if (!ids.includes(id)) {
      throw new Error(
        `firebreak.postmortems.requiredSeverities names '${id}', which is not a configured severity`,
      );
    }
  }
  const approvalsRequired = root?.getOptionalNumber('approvalsRequired') ?? 1;
  if (!Number.isInteger(approvalsRequired) || approvalsRequired < 0) {
    throw new Error(
      'firebreak.postmortems.approvalsRequired must be a whole number, 0 or more',
    );
  }
  const dueConfig = root?.getOptionalConfig('due');
  const due: Record<string, PostmortemDueRule> = dueConfig
    ? Object.fromEntries(
        dueConfig.keys().map(key => {
          if (!ids.includes(key)) {
            throw new Error(
              `firebreak.postmortems.due.${key} is not a configured severity`,
            );
          }
          return [key, readDueRule(dueConfig.getConfig(key), key)];
        }),
      )
    : { SEV1: { calendarDays: 3 }, SEV2: { businessDays: 5 } };
  const reminderHoursBefore =
    root?.getOptionalNumber('reminderHoursBefore') ?? 24;
  if (!Number.isFinite(reminderHoursBefore) || reminderHoursBefore < 0) {
    throw new Error(
      'firebreak.postmortems.reminderHoursBefore must be a number of hours, 0 or more (0 turns reminders off)',
    );
  }
  const template =
    root?.getOptionalConfigArray('template')?.map(section => ({
      id: section.getString('id'),
      title: section.getString('title'),
      body: section.getOptionalString('body') ?? '',
      whys: section.getOptionalBoolean('fiveWhys') ?? false,
    })) ?? DEFAULT_POSTMORTEM_TEMPLATE;
  const sectionIds = new Set<string>();
  template.forEach((section, i) => {
    if (
      !/^[a-z0-9][a-z0-9-]{0,63}$/.test(section.id) ||
      sectionIds.has(section.id)
    ) {
      throw new Error(
        `firebreak.postmortems.template[${i}].id must be unique, lower-case letters, digits and dashes, not '${section.id}'`,
      );
    }
    sectionIds.add(section.id);
  });
  if (template.length === 0) {
    throw new Error(
      'firebreak.postmortems.template must list at least one section',
    );
  }
  return {
    requiredSeverities,
    approvalsRequired,
    due,
    reminderHoursBefore,
    template,
  };
}
