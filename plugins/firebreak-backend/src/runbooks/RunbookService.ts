import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  CreateRunbookRequest,
  EntityRunbook,
  FIREBREAK_RUNBOOKS_SIGNAL_CHANNEL,
  FirebreakRunbookSignal,
  firebreakRunbookCreatePermission,
  firebreakRunbookReadPermission,
  firebreakRunbookUpdatePermission,
  Runbook,
  RunbookVersionSummary,
  runbookOwnerResourceRef,
  UpdateRunbookRequest,
} from '@firebreak/backstage-plugin-common';
import { actorRefOf } from '../incidents/IncidentAccess';
import { RunbookPermissionResource } from '../permissions/runbooks';
import { parseRefOfKind } from '../entityOfKind';
import { loadGroupOwnedResources } from '../permissions/groupOwnedResource';
import { lowerRef } from '../refs';
import { catalogRunbooksOf } from './catalogRunbooks';
import { RunbookContent, RunbookStore } from './RunbookStore';

/** The kinds a runbook may be attached to: what incidents impact. */
const ATTACHABLE_KINDS = ['component', 'system', 'api', 'resource'];

/** Whether a runbook is for incidents of a severity: it is for all when it names none. */
export function isForSeverity(runbook: Runbook, severity: string) {
  return (
    runbook.severities.length === 0 || runbook.severities.includes(severity)
  );
}

/**
 * The rules of stored runbooks and an entity's runbook list: who may read, store and save
 * runbooks, what a valid runbook is, and what open pages are told.
 *
 * @internal
 */
export class RunbookService {
  constructor(
    private readonly deps: {
      store: RunbookStore;
      catalog: CatalogService;
      permissions: PermissionsService;
      /** The configured severity ids, in rank order. */
      severities: string[];
      signals?: SignalsService;
      logger: LoggerService;
      now: () => Date;
    },
  ) {}

  /** Reading runbooks; anyone the policy lets read. */
  async authorizeRead(credentials: BackstageCredentials) {
    const [decision] = await this.deps.permissions.authorize(
      [{ permission: firebreakRunbookReadPermission }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError('You may not read runbooks');
    }
  }

  /**
   * The runbooks of an entity from its annotation, its catalog links and Firebreak's store;
   * with a severity, stored runbooks limited to other severities are left out.
   */
  async listForEntity(
    query: { entityRef: string; severity?: string },
    credentials: BackstageCredentials,
  ): Promise<EntityRunbook[]> {
    await this.authorizeRead(credentials);
    const entityRef = this.entityRef(query.entityRef, 'entityRef');
    if (query.severity !== undefined) {
      this.requireSeverity(query.severity, 'severity');
    }
    const entity = await this.deps.catalog.getEntityByRef(entityRef, {
      credentials,
    });
    const stored = await this.deps.store.listForEntities([entityRef]);
    return [
      ...(entity ? catalogRunbooksOf(entity) : []),
      ...stored
        .filter(
          r => query.severity === undefined || isForSeverity(r, query.severity),
        )
        .map(storedItem),
    ];
  }

  /** A stored runbook at its current version, or at the version asked for. */
  async get(
    id: string,
    version: number | undefined,
    credentials: BackstageCredentials,
  ): Promise<Runbook> {
    await this.authorizeRead(credentials);
    const runbook = await this.deps.store.getRunbook(id, version);
    if (!runbook) {
      throw new NotFoundError(
        version === undefined
          ? `No runbook ${id}`
          : `No version ${version} of runbook ${id}`,
      );
    }
    return runbook;
  }

  /** A runbook's versions, newest first. */
  async versions(
    id: string,
    credentials: BackstageCredentials,
  ): Promise<RunbookVersionSummary[]> {
    await this.authorizeRead(credentials);
    const versions = await this.deps.store.listVersions(id);
    if (!versions) {
      throw new NotFoundError(`No runbook ${id}`);
    }
    return versions;
  }

  /** Stores a runbook for a team the caller may store runbooks for. */
  async create(
    input: CreateRunbookRequest,
    credentials: BackstageCredentials,
  ): Promise<Runbook> {
    const ownerRef = this.ownerRef(input.ownerRef);
    await this.authorizeOwner(ownerRef, credentials);
    input.steps?.forEach((step, index) => {
      if (step.id !== undefined) {
        throw new InputError(
          `steps[${index}].id: a new runbook's steps get their ids when stored`,
        );
      }
    });
    const content = await this.content(input, ownerRef, credentials);
    const runbook = await this.deps.store.createRunbook(
      content,
      actorRefOf(credentials),
      this.deps.now(),
    );
    await this.signal('created', runbook, []);
    return runbook;
  }

  /** Saves a new version of a runbook against the version it was based on. */
  async update(
    id: string,
    input: UpdateRunbookRequest,
    credentials: BackstageCredentials,
  ): Promise<Runbook> {
    const current = await this.deps.store.getRunbook(id);
    if (!current) {
      throw new NotFoundError(`No runbook ${id}`);
    }
    const [decision] = await this.deps.permissions.authorize(
      [
        {
          permission: firebreakRunbookUpdatePermission,
          resourceRef: `runbook:${id}`,
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `You may not change this runbook: it belongs to ${current.ownerRef}`,
      );
    }
    const ownerRef = this.ownerRef(input.ownerRef);
    if (ownerRef !== current.ownerRef) {
      await this.authorizeOwner(ownerRef, credentials);
    }
    const kept = new Set(current.steps.map(step => step.id));
    input.steps?.forEach((step, index) => {
      if (step.id !== undefined && !kept.has(step.id)) {
        throw new InputError(
          `steps[${index}].id: '${step.id}' is not a step of version ${current.version}; leave it out for a new step`,
        );
      }
    });
    const content = await this.content(input, ownerRef, credentials);
    const runbook = await this.deps.store.saveVersion(
      id,
      input.version,
      content,
      actorRefOf(credentials),
      this.deps.now(),
    );
    await this.signal('updated', runbook, current.entityRefs);
    return runbook;
  }

  /** Loads what permission rules need of runbooks, by resource ref. */
  async getPermissionResources(
    refs: string[],
  ): Promise<Array<RunbookPermissionResource | undefined>> {
    return loadGroupOwnedResources(refs, async (kind, id) => {
      if (kind === 'runbook') {
        const ownerRef = await this.deps.store.getOwnerRef(id);
        return ownerRef ? { kind, id, ownerRef } : undefined;
      }
      return undefined;
    });
  }

  /** Storing runbooks for a team, or moving one to it, is asked on the team's owner ref. */
  private async authorizeOwner(
    ownerRef: string,
    credentials: BackstageCredentials,
  ) {
    const [decision] = await this.deps.permissions.authorize(
      [
        {
          permission: firebreakRunbookCreatePermission,
          resourceRef: runbookOwnerResourceRef(ownerRef),
        },
      ],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `ownerRef: you may not store runbooks for ${ownerRef}`,
      );
    }
  }

  /** Checks a runbook's content: known severities, a group and entities in the catalog. */
  private async content(
    input: CreateRunbookRequest,
    ownerRef: string,
    credentials: BackstageCredentials,
  ): Promise<RunbookContent> {
    const ids = new Set<string>();
    input.steps?.forEach((step, index) => {
      if (step.id !== undefined && ids.has(step.id)) {
        throw new InputError(
          `steps[${index}].id: '${step.id}' is listed twice`,
        );
      }
      if (step.id !== undefined) ids.add(step.id);
    });
    const parsed = input.entityRefs.map((ref, index) => {
      const entityRef = this.entityRef(ref, `entityRefs[${index}]`);
      const { kind } = parseEntityRef(entityRef);
      if (!ATTACHABLE_KINDS.includes(kind)) {
        throw new InputError(
          `entityRefs[${index}]: '${ref}' is a ${kind}; runbooks attach to ${ATTACHABLE_KINDS.join(
            ', ',
          )}`,
        );
      }
      return entityRef;
    });
    const entityRefs = [...new Set(parsed)];
    const severities = [...new Set(input.severities ?? [])];
    (input.severities ?? []).forEach((severity, index) =>
      this.requireSeverity(severity, `severities[${index}]`),
    );
    const refs = [ownerRef, ...entityRefs];
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    if (!items[0]) {
      throw new InputError(`ownerRef: '${ownerRef}' is not in the catalog`);
    }
    items.slice(1).forEach((item, index) => {
      if (!item) {
        const ref = entityRefs[index];
        throw new InputError(
          `entityRefs[${parsed.indexOf(ref)}]: '${ref}' is not in the catalog`,
        );
      }
    });
    return {
      title: input.title,
      body: input.body ?? '',
      steps: input.steps ?? [],
      ownerRef,
      entityRefs,
      severities: this.deps.severities.filter(s => severities.includes(s)),
    };
  }

  private ownerRef(ref: string) {
    return lowerRef(
      stringifyEntityRef(parseRefOfKind(ref, 'group', 'ownerRef')),
    );
  }

  private entityRef(ref: string, field: string) {
    try {
      return lowerRef(
        stringifyEntityRef(
          parseEntityRef(ref, {
            defaultKind: 'component',
            defaultNamespace: 'default',
          }),
        ),
      );
    } catch {
      throw new InputError(`${field}: '${ref}' is not an entity ref`);
    }
  }

  private requireSeverity(severity: string, field: string) {
    if (!this.deps.severities.includes(severity)) {
      throw new InputError(
        `${field}: '${severity}' is not a severity; use one of ${this.deps.severities.join(
          ', ',
        )}`,
      );
    }
  }

  private async signal(
    kind: FirebreakRunbookSignal['kind'],
    runbook: Runbook,
    before: string[],
  ) {
    if (!this.deps.signals) return;
    const message: FirebreakRunbookSignal = {
      kind,
      runbookId: runbook.id,
      version: runbook.version,
      entityRefs: [...new Set([...runbook.entityRefs, ...before])],
    };
    try {
      await this.deps.signals.publish({
        recipients: { type: 'broadcast' },
        channel: FIREBREAK_RUNBOOKS_SIGNAL_CHANNEL,
        message,
      });
    } catch (error) {
      this.deps.logger.warn(`Could not signal runbook ${runbook.id}: ${error}`);
    }
  }
}

/** A stored runbook as an entity's list shows it. */
export function storedItem(runbook: Runbook): EntityRunbook {
  return {
    source: 'stored',
    title: runbook.title,
    id: runbook.id,
    version: runbook.version,
    ownerRef: runbook.ownerRef,
    severities: runbook.severities,
  };
}
