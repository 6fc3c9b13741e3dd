import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  Entity,
  parseEntityRef,
  RELATION_HAS_PART,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { lowerRef } from '../refs';

/** What an item can be about: what incidents impact. */
const ITEM_ENTITY_KINDS = ['component', 'system', 'api', 'resource'];

function parseRef(
  ref: string,
  field: string,
  defaultKind?: string,
): CompoundEntityRef {
  try {
    return parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' });
  } catch {
    throw new InputError(`${field}: '${ref}' is not an entity ref`);
  }
}

/**
 * Checks the catalog entities an action item names — its owner, owner group and entity — with
 * the caller's credentials, and finds the members of a group for "what a team owes".
 *
 * @internal
 */
export class ActionItemOwners {
  constructor(private readonly deps: { catalog: CatalogService }) {}

  /** A user or group in the catalog, as a lower-cased ref; 400 naming the field otherwise. */
  async owner(ref: string, field: string, credentials: BackstageCredentials) {
    const parsed = parseRef(ref, field, 'user');
    const kind = lowerRef(parsed.kind);
    if (kind !== 'user' && kind !== 'group') {
      throw new InputError(
        `${field}: '${ref}' is a ${kind}; an owner is a user or a group`,
      );
    }
    const entity = await this.find(parsed, field, credentials);
    return { ref: lowerRef(stringifyEntityRef(entity)), kind };
  }

  /** A group in the catalog, as a lower-cased ref. */
  async group(ref: string, field: string, credentials: BackstageCredentials) {
    const parsed = parseRef(ref, field, 'group');
    if (lowerRef(parsed.kind) !== 'group') {
      throw new InputError(`${field}: '${ref}' is not a group`);
    }
    const entity = await this.find(parsed, field, credentials);
    return lowerRef(stringifyEntityRef(entity));
  }

  /** The entity an item is about (one incidents can impact), with its owner group. */
  async entity(ref: string, field: string, credentials: BackstageCredentials) {
    const parsed = parseRef(ref, field);
    const kind = lowerRef(parsed.kind);
    if (!ITEM_ENTITY_KINDS.includes(kind)) {
      throw new InputError(
        `${field}: '${ref}' is a ${kind}; action items are about ${ITEM_ENTITY_KINDS.join(
          ', ',
        )}`,
      );
    }
    const entity = await this.find(parsed, field, credentials);
    const ownerRef = entity.relations?.find(
      r => r.type === RELATION_OWNED_BY,
    )?.targetRef;
    return {
      ref: lowerRef(stringifyEntityRef(entity)),
      ownerRef: ownerRef ? lowerRef(ownerRef) : undefined,
      annotations: entity.metadata.annotations ?? {},
    };
  }

  /**
   * The refs that count as `ownerRef` in a list: a user alone; a group with its members (users
   * whose `memberOf` names it), so a team card shows what the team and its people owe.
   */
  async ownersOf(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<{ ownerRefs: string[]; groupRef?: string }> {
    const parsed = parseRef(ref, 'ownerRef', 'user');
    const owner = lowerRef(stringifyEntityRef(parsed));
    if (lowerRef(parsed.kind) !== 'group') {
      return { ownerRefs: [owner] };
    }
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'user', 'relations.memberOf': owner },
        fields: ['kind', 'metadata.namespace', 'metadata.name'],
      },
      { credentials },
    );
    return {
      ownerRefs: [owner, ...items.map(e => lowerRef(stringifyEntityRef(e)))],
      groupRef: owner,
    };
  }

  /**
   * The entities whose items an entity's page lists: itself; for a system, also its parts;
   * for a group, also what it owns — as incident lists do.
   */
  async entityRefsOf(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    const parsed = parseRef(ref, 'entityRef');
    const entityRef = lowerRef(stringifyEntityRef(parsed));
    const kind = lowerRef(parsed.kind);
    if (kind !== 'system' && kind !== 'group') {
      return [entityRef];
    }
    let related: string[];
    if (kind === 'system') {
      const entity = await this.deps.catalog.getEntityByRef(entityRef, {
        credentials,
      });
      related = (entity?.relations ?? [])
        .filter(r => r.type === RELATION_HAS_PART)
        .map(r => r.targetRef);
    } else {
      const { items } = await this.deps.catalog.getEntities(
        {
          filter: { 'relations.ownedBy': entityRef },
          fields: ['kind', 'metadata.namespace', 'metadata.name'],
        },
        { credentials },
      );
      related = items.map(e => stringifyEntityRef(e));
    }
    return [entityRef, ...related.map(lowerRef)];
  }

  private async find(
    parsed: CompoundEntityRef,
    field: string,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const ref = stringifyEntityRef(parsed);
    const entity = await this.deps.catalog.getEntityByRef(ref, {
      credentials,
    });
    if (!entity) {
      throw new InputError(
        `${field}: '${lowerRef(ref)}' is not in the catalog`,
      );
    }
    return entity;
  }
}
