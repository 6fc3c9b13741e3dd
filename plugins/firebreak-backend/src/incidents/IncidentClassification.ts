import { InputError } from '@backstage/errors';
import { computePriority } from '@firebreak/backstage-plugin-common';
import { FirebreakSettings } from '../config/FirebreakSettings';

/** The configured severity `id`, or a 400 naming `field` and the severities there are. @internal */
export function requireSeverity(
  settings: FirebreakSettings,
  id: string,
  field: string,
) {
  const level = settings.severities.find(s => s.id === id);
  if (!level) {
    throw new InputError(
      `${field}: '${id}' is not a severity; use one of ${settings.severities
        .map(s => s.id)
        .join(', ')}`,
    );
  }
  return level;
}

/** The priority the matrix gives an impact and urgency, or a 400 naming the unknown one. @internal */
export function priorityOf(
  settings: FirebreakSettings,
  impact: string,
  urgency: string,
) {
  const matrix = settings.priority;
  if (!matrix.impacts.some(i => i.id === impact)) {
    throw new InputError(
      `impact: '${impact}' is not one of ${matrix.impacts
        .map(i => i.id)
        .join(', ')}`,
    );
  }
  if (!matrix.urgencies.some(u => u.id === urgency)) {
    throw new InputError(
      `urgency: '${urgency}' is not one of ${matrix.urgencies
        .map(u => u.id)
        .join(', ')}`,
    );
  }
  return computePriority(matrix, impact, urgency)!;
}

/** Whether the configured severity `id` is a major one. @internal */
export function isMajorSeverity(settings: FirebreakSettings, id: string) {
  return settings.severities.find(s => s.id === id)?.major;
}
