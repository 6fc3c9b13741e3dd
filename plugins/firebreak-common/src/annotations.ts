import { Entity } from '@backstage/catalog-model';

/**
 * Annotation naming the escalation policy that pages for an entity, by its id or its name
 * (names are unique, any case). Without it the default policy of the entity's owner group pages.
 *
 * @public
 */
export const FIREBREAK_ESCALATION_POLICY_ANNOTATION =
  'firebreak.dev/escalation-policy';

/**
 * Annotation listing runbook URLs for an entity, comma separated. Links of type `runbook` in
 * `metadata.links` count too.
 *
 * @public
 */
export const FIREBREAK_RUNBOOKS_ANNOTATION = 'firebreak.dev/runbooks';

/**
 * Annotation that turns Firebreak off for one entity when set to `"false"`; Firebreak is on
 * for every entity of a supported kind otherwise.
 *
 * @public
 */
export const FIREBREAK_ENABLED_ANNOTATION = 'firebreak.dev/enabled';

/**
 * Kinds whose pages carry incidents: the things that break (components, APIs, resources), and
 * the things that gather them — a system shows its own incidents and those of its parts, a group
 * those of everything it owns.
 *
 * @public
 */
export const FIREBREAK_SUPPORTED_KINDS: readonly string[] = [
  'component',
  'api',
  'resource',
  'system',
  'group',
];

/**
 * Whether Firebreak content should show for an entity: a supported kind not opted out.
 *
 * @public
 */
export function isFirebreakAvailable(entity: Entity): boolean {
  if (
    !FIREBREAK_SUPPORTED_KINDS.includes(entity.kind.toLocaleLowerCase('en-US'))
  ) {
    return false;
  }
  return (
    entity.metadata.annotations?.[FIREBREAK_ENABLED_ANNOTATION] !== 'false'
  );
}

/**
 * Annotation setting how many days after the incident's resolution an entity's action items
 * are due, such as `"28"`; it replaces the configured days for every priority that has a due
 * date by default.
 *
 * @public
 */
export const FIREBREAK_ACTION_ITEM_DUE_DAYS_ANNOTATION =
  'firebreak.dev/action-item-due-days';

/**
 * The IANA time zone of a team (on a Group entity), such as `Europe/Berlin`: postmortem due
 * dates count calendar and business days in it. Without it, UTC.
 *
 * @public
 */
export const FIREBREAK_TIME_ZONE_ANNOTATION = 'firebreak.dev/time-zone';
