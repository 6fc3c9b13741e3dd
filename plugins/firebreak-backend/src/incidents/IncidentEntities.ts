import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ImpactedEntity } from './IncidentStore';
import { requireEntityOfKind } from '../entityOfKind';
import { lowerRef } from '../refs';

const IMPACTABLE_KINDS = ['component', 'system', 'api', 'resource'];

function ownerOf(entity: Entity) {
  return entity.relations?.find(r => r.type === RELATION_OWNED_BY)?.targetRef;
}

/**
 * Checks the catalog entities an incident names — what it impacts and who holds its roles —
 * with the caller's credentials, so nobody names what they cannot see.
 *
 * @internal
 */
export class IncidentEntities {
  constructor(private readonly deps: { catalog: CatalogService }) {}

  /** Parses and checks impacted entity refs against the catalog, recording their owners. */
  async resolveImpacted(
    refs: string[],
    field: string,
    credentials: BackstageCredentials,
  ): Promise<ImpactedEntity[]> {
    return (await this.resolveImpactedEntities(refs, field, credentials))
      .impacted;
  }

  /** Like `resolveImpacted`, with the catalog entities too. */
  async resolveImpactedEntities(
    refs: string[],
    field: string,
    credentials: BackstageCredentials,
  ): Promise<{ impacted: ImpactedEntity[]; catalogEntities: Entity[] }> {
    if (refs.length === 0) {
      throw new InputError(`${field}: name at least one impacted entity`);
    }
    const parsed = refs.map((ref, index) => {
      let entityRef: string;
      try {
        entityRef = stringifyEntityRef(parseEntityRef(ref));
      } catch {
        throw new InputError(
          `${field}[${index}]: '${ref}' is not an entity ref`,
        );
      }
      const kind = lowerRef(parseEntityRef(entityRef).kind);
      if (!IMPACTABLE_KINDS.includes(kind)) {
        throw new InputError(
          `${field}[${index}]: '${ref}' is a ${kind}; incidents impact ${IMPACTABLE_KINDS.join(
            ', ',
          )}`,
        );
      }
      return lowerRef(entityRef);
    });
    const unique = [...new Set(parsed)];
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: unique, fields: ['kind', 'metadata', 'relations'] },
      { credentials },
    );
    const catalogEntities: Entity[] = [];
    const impacted = unique.map(entityRef => {
      const entity = items[unique.indexOf(entityRef)];
      if (!entity) {
        throw new InputError(
          `${field}[${parsed.indexOf(
            entityRef,
          )}]: '${entityRef}' is not in the catalog`,
        );
      }
      catalogEntities.push(entity);
      return { entityRef, ownerRef: ownerOf(entity) };
    });
    return { impacted, catalogEntities };
  }

  /** Throws a 400 naming the field unless `ref` is a user in the catalog. */
  async requireUser(
    ref: string,
    field: string,
    credentials: BackstageCredentials,
  ): Promise<void> {
    await requireEntityOfKind(
      this.deps.catalog,
      ref,
      'user',
      field,
      credentials,
    );
  }
}
