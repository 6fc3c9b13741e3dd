import { Entity } from '@backstage/catalog-model';

/**
 * The words incident lists use for an entity. A system's list holds the incidents of its parts
 * and a group's those of everything it owns, so "incidents of Payments" would mislead there.
 *
 * @internal
 */
export interface EntityScopeWording {
  /** The entity's display name. */
  name: string;
  /** Heading of the open incidents. */
  activeTitle: string;
  /** Heading of the full history. */
  historyTitle: string;
  /** What the lists cover, for systems and groups; nothing for a single component. */
  covers?: string;
  /** The message when nothing is open. */
  noActive: string;
  /** Whether the lists hold other entities' incidents, so each row should say which. */
  rollsUp: boolean;
  /** Whether incidents are declared on the entity itself; a group's people name what broke. */
  declaredOnItself: boolean;
}

/**
 * How to talk about the incidents of an entity, by its kind.
 *
 * @internal
 */
export function describeEntityScope(entity: Entity): EntityScopeWording {
  const name = entity.metadata.title ?? entity.metadata.name;
  switch (entity.kind.toLocaleLowerCase('en-US')) {
    case 'system':
      return {
        name,
        activeTitle: `Active incidents in ${name}`,
        historyTitle: `Incident history of ${name}`,
        covers: `Incidents of the ${name} system and of its components, APIs and resources`,
        noActive: `No active incidents in ${name} or its components`,
        rollsUp: true,
        declaredOnItself: true,
      };
    case 'group':
      return {
        name,
        activeTitle: `Active incidents on what ${name} owns`,
        historyTitle: `Incident history of what ${name} owns`,
        covers: `Incidents of the components, APIs, resources and systems ${name} owns`,
        noActive: `No active incidents on anything ${name} owns`,
        rollsUp: true,
        declaredOnItself: false,
      };
    default:
      return {
        name,
        activeTitle: `Active incidents of ${name}`,
        historyTitle: `Incident history of ${name}`,
        noActive: `No active incidents on ${name}`,
        rollsUp: false,
        declaredOnItself: true,
      };
  }
}
