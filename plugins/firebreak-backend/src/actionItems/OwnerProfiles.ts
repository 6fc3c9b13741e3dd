import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { FIREBREAK_TIME_ZONE_ANNOTATION } from '@firebreak/backstage-plugin-common';
import { IANAZone } from 'luxon';
import { lowerRef } from '../refs';

/** What is read of each entity: enough for a name and a time zone. */
const FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'metadata.annotations',
  'spec.profile.displayName',
];

/** Refs per catalog request; a run with more owners makes a few requests, never one per item. */
const BATCH = 500;

/** `kind:namespace/name`: refs that name a catalog entity, not a service principal. */
const ENTITY_REF = /^[^:/]+:[^:/]+\/[^/]+$/;

/**
 * What the catalog says of the people and teams that action items name — their display names
 * and time zones — read once, in batches, with the plugin's own credentials, and kept for as
 * long as the object lives (one reminder run, one notice).
 *
 * @internal
 */
export class OwnerProfiles {
  private readonly warned = new Set<string>();

  private constructor(
    private readonly entities: Map<string, Entity>,
    private readonly logger: LoggerService,
  ) {}

  /** Reads the entities of the refs given (empty and repeated refs are skipped). */
  static async read(
    deps: { catalog: CatalogService; auth: AuthService; logger: LoggerService },
    refs: ReadonlyArray<string | null | undefined>,
  ): Promise<OwnerProfiles> {
    const wanted = [
      ...new Set(
        refs
          .filter((ref): ref is string => !!ref && ENTITY_REF.test(ref))
          .map(lowerRef),
      ),
    ];
    const entities = new Map<string, Entity>();
    if (wanted.length > 0) {
      const credentials = await deps.auth.getOwnServiceCredentials();
      for (let start = 0; start < wanted.length; start += BATCH) {
        const batch = wanted.slice(start, start + BATCH);
        const { items } = await deps.catalog.getEntitiesByRefs(
          { entityRefs: batch, fields: FIELDS },
          { credentials },
        );
        items.forEach((entity, index) => {
          if (entity) entities.set(batch[index], entity);
        });
      }
    }
    return new OwnerProfiles(entities, deps.logger);
  }

  /**
   * The IANA zone an owner's days are counted in: the owner's `firebreak.dev/time-zone`
   * annotation, else the owner group's, else UTC. A zone luxon does not know is skipped (and
   * logged once), as if it were not there.
   */
  timeZoneOf(ownerRef: string, ownerGroupRef?: string | null): string {
    for (const ref of [ownerRef, ownerGroupRef]) {
      const zone = ref ? this.annotatedZone(lowerRef(ref)) : undefined;
      if (zone) return zone;
    }
    return 'UTC';
  }

  /**
   * How a person or team is called in a sentence: their profile's display name, else the
   * entity's title, else its name; never a raw ref.
   */
  nameOf(ref: string): string {
    const entity = this.entities.get(lowerRef(ref));
    const displayName = (
      entity?.spec as { profile?: { displayName?: unknown } } | undefined
    )?.profile?.displayName;
    if (typeof displayName === 'string' && displayName.trim()) {
      return displayName.trim();
    }
    if (entity?.metadata.title) return entity.metadata.title;
    if (entity) return entity.metadata.name;
    if (!ENTITY_REF.test(ref)) return 'A Backstage service';
    try {
      return parseEntityRef(ref).name;
    } catch {
      return ref;
    }
  }

  /** Whether the ref is a group, by its kind. */
  static isGroup(ref: string): boolean {
    return lowerRef(ref).startsWith('group:');
  }

  private annotatedZone(ref: string): string | undefined {
    const zone =
      this.entities.get(ref)?.metadata.annotations?.[
        FIREBREAK_TIME_ZONE_ANNOTATION
      ];
    if (!zone) return undefined;
    if (IANAZone.isValidZone(zone)) return zone;
    if (!this.warned.has(ref)) {
      this.warned.add(ref);
      this.logger.warn(
        `${ref} has ${FIREBREAK_TIME_ZONE_ANNOTATION} '${zone}', which is not an IANA time zone; it is ignored`,
      );
    }
    return undefined;
  }
}
