import { Config } from '@backstage/config';
import { isHttpUrl } from '../schema/httpUrl';
import {
  DEFAULT_INCIDENT_ROLES,
  DEFAULT_PRIORITY_MATRIX,
  DEFAULT_SEVERITY_LEVELS,
  IncidentRoleDefinition,
  PriorityMatrix,
  SeverityLevel,
} from '@firebreak/backstage-plugin-common';

/**
 * A response play: when an incident of one of the severities is declared (or escalated into
 * one), add responders and subscribers and attach links.
 *
 * @internal
 */
export interface ResponsePlay {
  name: string;
  severities: string[];
  responders: string[];
  subscribers: string[];
  /** Link templates; `{ref}`, `{id}` and `{slug}` are replaced. */
  links: { title: string; url: string; type: string }[];
}

/**
 * Firebreak's settings from the `firebreak:` configuration, with PRODUCT defaults.
 *
 * @internal
 */
export interface FirebreakSettings {
  severities: SeverityLevel[];
  priority: PriorityMatrix;
  roles: IncidentRoleDefinition[];
  plays: ResponsePlay[];
  /** Reminders before on-call shifts start. */
  handoffReminder: {
    /** How long before a shift its person is reminded, in minutes; 0 sends none. */
    minutesBefore: number;
  };
}

/** How long before a shift starts its person hears of it, unless configured. */
const DEFAULT_HANDOFF_REMINDER_MINUTES = 30;

function readLevels(config: Config | undefined, key: string) {
  return config?.getOptionalConfigArray(key)?.map(level => ({
    id: level.getString('id'),
    name: level.getOptionalString('name') ?? level.getString('id'),
    description: level.getOptionalString('description') ?? '',
  }));
}

/**
 * Reads and checks the settings; a mistake in them stops the plugin at start with a message
 * that names the key.
 *
 * @internal
 */
export function readFirebreakSettings(config: Config): FirebreakSettings {
  const root = config.getOptionalConfig('firebreak');

  const severities: SeverityLevel[] = root
    ?.getOptionalConfigArray('severities')
    ?.map(level => ({
      id: level.getString('id'),
      name: level.getOptionalString('name') ?? level.getString('id'),
      description: level.getOptionalString('description') ?? '',
      major: level.getOptionalBoolean('major') ?? false,
      defaultImpact: level.getString('defaultImpact'),
      defaultUrgency: level.getString('defaultUrgency'),
    })) ?? [...DEFAULT_SEVERITY_LEVELS];

  const priorityConfig = root?.getOptionalConfig('priority');
  const priority: PriorityMatrix = priorityConfig
    ? {
        impacts: readLevels(priorityConfig, 'impacts')!,
        urgencies: readLevels(priorityConfig, 'urgencies')!,
        matrix: priorityConfig.get('matrix') as PriorityMatrix['matrix'],
      }
    : DEFAULT_PRIORITY_MATRIX;

  const roleNames = root?.getOptionalConfig('roles');
  const roles = DEFAULT_INCIDENT_ROLES.map(role => ({
    ...role,
    name: roleNames?.getOptionalString(role.id) ?? role.name,
  }));

  const plays: ResponsePlay[] =
    root?.getOptionalConfigArray('responsePlays')?.map(play => ({
      name: play.getString('name'),
      severities: play.getStringArray('severities'),
      responders: play.getOptionalStringArray('responders') ?? [],
      subscribers: play.getOptionalStringArray('subscribers') ?? [],
      links:
        play.getOptionalConfigArray('links')?.map(link => ({
          title: link.getString('title'),
          url: link.getString('url'),
          type: link.getOptionalString('type') ?? 'link',
        })) ?? [],
    })) ?? [];

  const handoffReminder = {
    minutesBefore:
      root?.getOptionalNumber('oncall.handoffReminder.minutesBefore') ??
      DEFAULT_HANDOFF_REMINDER_MINUTES,
  };

  const settings = { severities, priority, roles, plays, handoffReminder };
  validate(settings);
  return settings;
}

function validate(settings: FirebreakSettings) {
  const { severities, priority, plays, handoffReminder } = settings;
  plays.forEach((play, p) =>
    play.links.forEach((link, l) => {
      // Placeholders are filled in after the scheme, so an example filling tells the scheme.
      if (!isHttpUrl(link.url.replace(/\{(ref|id|slug)\}/g, 'x'))) {
        throw new Error(
          `firebreak.responsePlays[${p}].links[${l}].url must be an http or https URL, not '${link.url}'`,
        );
      }
    }),
  );
  if (
    !Number.isFinite(handoffReminder.minutesBefore) ||
    handoffReminder.minutesBefore < 0
  ) {
    throw new Error(
      `firebreak.oncall.handoffReminder.minutesBefore must be a number of minutes, 0 or more (0 turns reminders off), not ${handoffReminder.minutesBefore}`,
    );
  }
  if (severities.length === 0) {
    throw new Error('firebreak.severities must list at least one level');
  }
  const impactIds = priority.impacts.map(i => i.id);
  const urgencyIds = priority.urgencies.map(u => u.id);
  for (const impact of impactIds) {
    for (const urgency of urgencyIds) {
      if (!priority.matrix[impact]?.[urgency]) {
        throw new Error(
          `firebreak.priority.matrix.${impact}.${urgency} is missing: every impact × urgency needs a priority`,
        );
      }
    }
  }
  for (const level of severities) {
    if (!impactIds.includes(level.defaultImpact)) {
      throw new Error(
        `firebreak.severities[${level.id}].defaultImpact '${
          level.defaultImpact
        }' is not one of ${impactIds.join(', ')}`,
      );
    }
    if (!urgencyIds.includes(level.defaultUrgency)) {
      throw new Error(
        `firebreak.severities[${level.id}].defaultUrgency '${
          level.defaultUrgency
        }' is not one of ${urgencyIds.join(', ')}`,
      );
    }
  }
  const severityIds = severities.map(s => s.id);
  for (const play of plays) {
    for (const severity of play.severities) {
      if (!severityIds.includes(severity)) {
        throw new Error(
          `firebreak.responsePlays[${
            play.name
          }].severities: '${severity}' is not a severity (${severityIds.join(
            ', ',
          )})`,
        );
      }
    }
  }
}
