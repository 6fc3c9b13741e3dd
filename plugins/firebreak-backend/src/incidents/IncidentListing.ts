import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  CompoundEntityRef,
  parseEntityRef,
  RELATION_HAS_PART,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  firebreakIncidentReadPermission,
  IncidentStatus,
  IncidentSummary,
  Page,
} from '@firebreak/backstage-plugin-common';
import { IncidentFilter, IncidentStore } from './IncidentStore';
import { PermissionDecisionCache } from '../permissions/DecisionCache';
import { lowerRef } from '../refs';

/** @internal */
export interface ListIncidentsInput {
  entityRef?: string;
  statuses?: IncidentStatus[];
  severities?: string[];
  q?: string;
  from?: string;
  to?: string;
  limit: number;
  cursor?: string;
}

/**
 * Lists incidents the caller may read — conditional permission decisions become a store
 * filter, so the database leaves out what the caller may not see — and loads incidents for
 * the permission framework's rules.
 *
 * @internal
 */
export class IncidentListing {
  constructor(
    private readonly deps: {
      store: IncidentStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      /** Turns conditional permission decisions into store filters. */
      transformConditions: ConditionTransformer<IncidentFilter>;
      /** Keeps list decisions a few seconds; without it, every list asks. */
      listDecisions?: PermissionDecisionCache;
    },
  ) {}

  /** A page of the incidents the caller may read, newest first. */
  async list(
    input: ListIncidentsInput,
    credentials: BackstageCredentials,
  ): Promise<Page<IncidentSummary>> {
    const decision = this.deps.listDecisions
      ? await this.deps.listDecisions.authorizeConditional(
          firebreakIncidentReadPermission,
          credentials,
        )
      : (
          await this.deps.permissions.authorizeConditional(
            [{ permission: firebreakIncidentReadPermission }],
            { credentials },
          )
        )[0];
    if (decision.result === AuthorizeResult.DENY) {
      throw new NotAllowedError('You may not read incidents');
    }
    const filter =
      decision.result === AuthorizeResult.CONDITIONAL
        ? this.deps.transformConditions(decision.conditions)
        : undefined;

    const entityRefs = input.entityRef
      ? await this.expandEntityRef(input.entityRef, credentials)
      : undefined;
    return this.deps.store.listIncidents({
      entityRefs,
      statuses: input.statuses,
      severities: input.severities,
      q: input.q,
      declaredFrom: input.from ? new Date(input.from) : undefined,
      declaredTo: input.to ? new Date(input.to) : undefined,
      filter,
      limit: input.limit,
      cursor: input.cursor,
    });
  }

  /** Loads an incident with what permission rules need, for the permission framework. */
  async getPermissionResources(refs: string[]) {
    return Promise.all(
      refs.map(async ref => {
        const incident = await this.deps.store.getIncident(ref);
        return incident
          ? {
              ...incident,
              ownerRefs: await this.deps.store.getOwnerRefs(incident.id),
            }
          : undefined;
      }),
    );
  }

  /**
   * An entity's incidents include those of its parts: a system's components, APIs and
   * resources; a group's owned entities.
   */
  private async expandEntityRef(
    ref: string,
    credentials: BackstageCredentials,
  ): Promise<string[]> {
    let parsed: CompoundEntityRef;
    try {
      parsed = parseEntityRef(ref);
    } catch {
      throw new InputError(`entityRef: '${ref}' is not an entity ref`);
    }
    const entityRef = lowerRef(stringifyEntityRef(parsed));
    const kind = lowerRef(parsed.kind);
    if (kind !== 'system' && kind !== 'group') {
      return [entityRef];
    }
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    if (!entity) {
      return [entityRef];
    }
    const related =
      kind === 'system'
        ? (entity.relations ?? [])
            .filter(r => r.type === RELATION_HAS_PART)
            .map(r => r.targetRef)
        : (
            await this.deps.catalog.getEntities(
              {
                filter: { 'relations.ownedBy': entityRef },
                fields: ['kind', 'metadata.namespace', 'metadata.name'],
              },
              { credentials },
            )
          ).items.map(e => stringifyEntityRef(e));
    return [entityRef, ...related.map(lowerRef)];
  }
}
