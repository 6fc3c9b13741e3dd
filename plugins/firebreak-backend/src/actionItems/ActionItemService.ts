import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ActionItem,
  ActionItemStatus,
  CreateActionItemRequest,
  firebreakActionItemCreatePermission,
  firebreakActionItemReadPermission,
  firebreakActionItemUpdatePermission,
  Incident,
  Page,
  UpdateActionItemRequest,
} from '@firebreak/backstage-plugin-common';
import { randomUUID } from 'node:crypto';
import { ActionItemSettings } from '../config/ActionItemSettings';
import { actorRefOf } from '../incidents/IncidentAccess';
import { IncidentPermissionResource } from '../permissions/resource';
import { authorizeActionItem } from './ActionItemAuthorization';
import { ActionItemNotifier } from './ActionItemNotifier';
import { ActionItemOwners } from './ActionItemOwners';
import { applyStatus, applyTicketUrl, defaultDueAt } from './ActionItemRules';
import { ActionItemSignals } from './ActionItemSignals';
import {
  ActionItemRecord,
  ActionItemStore,
  toActionItem,
} from './ActionItemStore';

/**
 * What action items need of incidents: reading one as the caller, and loading incidents for
 * permission rules. The incident service provides it.
 *
 * @internal
 */
export interface ActionItemIncidents {
  get(idOrRef: string, credentials: BackstageCredentials): Promise<Incident>;
  getPermissionResources(
    refs: string[],
  ): Promise<Array<IncidentPermissionResource | undefined>>;
}

/**
 * What action items need of runbooks: reading a stored one as the caller, to check that an
 * item's `runbookId` names one. The runbook service provides it.
 *
 * @internal
 */
export interface ActionItemRunbooks {
  get(
    id: string,
    version: undefined,
    credentials: BackstageCredentials,
  ): Promise<{ id: string }>;
}

/**
 * What a list of action items asks for.
 *
 * @internal
 */
export interface ListActionItemsInput {
  entityRef?: string;
  ownerRef?: string;
  statuses?: ActionItemStatus[];
  incident?: string;
  postmortemId?: string;
  runbookId?: string;
  overdue?: boolean;
  limit: number;
  cursor?: string;
}

function decodeCursor(cursor: string | undefined): number {
  if (cursor === undefined) return 0;
  const offset = Number(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!Number.isSafeInteger(offset) || offset < 0) {
    throw new InputError('cursor: is not a cursor this API returned');
  }
  return offset;
}

/**
 * The rules of action items: who may do what, their defaults (owner group, entity, due date)
 * and their status flow. HTTP lives in the router, SQL in the store.
 *
 * @internal
 */
export class ActionItemService {
  private readonly owners: ActionItemOwners;
  private readonly signals: ActionItemSignals;

  constructor(
    private readonly deps: {
      store: ActionItemStore;
      incidents: ActionItemIncidents;
      runbooks: ActionItemRunbooks;
      catalog: CatalogService;
      permissions: PermissionsService;
      signals?: SignalsService;
      notifier: ActionItemNotifier;
      settings: ActionItemSettings;
      logger: LoggerService;
      now: () => Date;
    },
  ) {
    this.owners = new ActionItemOwners(deps);
    this.signals = new ActionItemSignals(deps);
  }

  async create(
    input: CreateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const incident = await this.incident(input.incidentRef, credentials);
    await this.authorize(
      firebreakActionItemCreatePermission,
      credentials,
      incident.id,
      `You may not create action items for ${incident.ref}`,
    );
    const entity = await this.owners.entity(
      input.entityRef ?? incident.entityRefs[0],
      'entityRef',
      credentials,
    );
    const owner = await this.owners.owner(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    const ownerGroupRef = input.ownerGroupRef
      ? await this.owners.group(
          input.ownerGroupRef,
          'ownerGroupRef',
          credentials,
        )
      : (owner.kind === 'group' ? owner.ref : entity.ownerRef) ?? null;
    const runbookId = input.runbookId
      ? await this.runbookId(input.runbookId, credentials)
      : null;
    const now = this.deps.now();
    const record: ActionItemRecord = {
      id: randomUUID(),
      title: input.title,
      description: input.description ?? '',
      type: input.type ?? 'prevent',
      priority: input.priority,
      status: 'open',
      ownerRef: owner.ref,
      ownerGroupRef,
      entityRef: entity.ref,
      incidentId: incident.id,
      incidentRef: incident.ref,
      postmortemId: input.postmortemId ?? null,
      runbookId,
      dueAt: input.dueAt
        ? new Date(input.dueAt)
        : defaultDueAt(
            this.deps.settings.dueDays,
            input,
            incident,
            entity.annotations,
            now,
          ),
      completedAt: null,
      wontDoReason: null,
      ticketUrl: input.ticketUrl ?? null,
      ticketExporterId: null,
      ticketExternalId: null,
      creatorRef: actorRefOf(credentials),
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    await this.deps.store.insert(record);
    await this.signals.publish('created', record);
    await this.deps.notifier.ownerChanged(
      record,
      record.creatorRef,
      async () => incident,
    );
    return toActionItem(record, now);
  }

  async get(id: string, credentials: BackstageCredentials) {
    await this.authorize(firebreakActionItemReadPermission, credentials);
    const record = await this.deps.store.get(id);
    if (!record) {
      throw new NotFoundError(`No action item ${id}`);
    }
    return toActionItem(record, this.deps.now());
  }

  async list(
    input: ListActionItemsInput,
    credentials: BackstageCredentials,
  ): Promise<Page<ActionItem>> {
    await this.authorize(firebreakActionItemReadPermission, credentials);
    const offset = decodeCursor(input.cursor);
    const owners = input.ownerRef
      ? await this.owners.ownersOf(input.ownerRef, credentials)
      : undefined;
    let incidentId: string | undefined;
    if (input.incident) {
      incidentId = (await this.incident(input.incident, credentials)).id;
    }
    const now = this.deps.now();
    // One more than asked tells whether there is a next page.
    const records = await this.deps.store.list({
      entityRefs: input.entityRef
        ? await this.owners.entityRefsOf(input.entityRef, credentials)
        : undefined,
      ownerRefs: owners?.ownerRefs,
      ownerGroupRef: owners?.groupRef,
      statuses: input.statuses,
      incidentId,
      postmortemId: input.postmortemId,
      runbookId: input.runbookId,
      overdue: input.overdue,
      now,
      limit: input.limit + 1,
      offset,
    });
    const items = records.slice(0, input.limit).map(r => toActionItem(r, now));
    return records.length > input.limit
      ? {
          items,
          nextCursor: Buffer.from(String(offset + input.limit)).toString(
            'base64url',
          ),
        }
      : { items };
  }

  async update(
    id: string,
    input: UpdateActionItemRequest,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const current = await this.deps.store.get(id);
    if (!current) {
      throw new NotFoundError(`No action item ${id}`);
    }
    await this.authorize(
      firebreakActionItemUpdatePermission,
      credentials,
      current.id,
      `You may not change action item ${current.id}`,
    );
    if (input.version !== current.version) {
      throw new ConflictError(
        `version: the action item changed since version ${input.version} (now ${current.version}); reload it and try again`,
      );
    }
    const now = this.deps.now();
    const next: ActionItemRecord = {
      ...current,
      title: input.title ?? current.title,
      description: input.description ?? current.description,
      type: input.type ?? current.type,
      priority: input.priority ?? current.priority,
      updatedAt: now,
      version: current.version + 1,
    };
    if (input.ownerRef !== undefined) {
      next.ownerRef = (
        await this.owners.owner(input.ownerRef, 'ownerRef', credentials)
      ).ref;
    }
    if (input.ownerGroupRef !== undefined) {
      next.ownerGroupRef = input.ownerGroupRef
        ? await this.owners.group(
            input.ownerGroupRef,
            'ownerGroupRef',
            credentials,
          )
        : null;
    }
    if (input.entityRef !== undefined) {
      next.entityRef = (
        await this.owners.entity(input.entityRef, 'entityRef', credentials)
      ).ref;
    }
    if (input.postmortemId !== undefined)
      next.postmortemId = input.postmortemId;
    applyTicketUrl(next, input.ticketUrl);
    if (input.runbookId !== undefined) {
      next.runbookId = input.runbookId
        ? await this.runbookId(input.runbookId, credentials)
        : null;
    }
    if (input.dueAt !== undefined) {
      next.dueAt = input.dueAt === null ? null : new Date(input.dueAt);
    }
    applyStatus(current, next, input, now);
    if (!(await this.deps.store.update(next, current.version))) {
      throw new ConflictError(
        `version: the action item changed since version ${input.version}; reload it and try again`,
      );
    }
    await this.signals.publish('updated', next);
    if (next.ownerRef !== current.ownerRef) {
      await this.deps.notifier.ownerChanged(next, actorRefOf(credentials), () =>
        this.deps.incidents.get(next.incidentId, credentials),
      );
    }
    return toActionItem(next, now);
  }

  /** Loads action items with their incidents, for the permission framework. */
  async getPermissionResources(ids: string[]) {
    const records = await this.deps.store.getMany(ids);
    const incidents = await this.deps.incidents.getPermissionResources([
      ...new Set(records.map(r => r.incidentId)),
    ]);
    const now = this.deps.now();
    return ids.map(id => {
      const record = records.find(r => r.id === id.toLowerCase());
      const incident = incidents.find(i => i?.id === record?.incidentId);
      return record && incident
        ? { ...toActionItem(record, now), incident }
        : undefined;
    });
  }

  /** The incident a request names, as the caller may read it; 400 when there is none. */
  private async incident(idOrRef: string, credentials: BackstageCredentials) {
    try {
      return await this.deps.incidents.get(idOrRef, credentials);
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') {
        throw new InputError(`incidentRef: no incident ${idOrRef}`);
      }
      throw error;
    }
  }

  /** The id of a stored runbook the caller may read; 400 naming the field when there is none. */
  private async runbookId(id: string, credentials: BackstageCredentials) {
    try {
      // Runbook ids are lower-case UUIDs; an item's are matched whatever their case.
      return (
        await this.deps.runbooks.get(id.toLowerCase(), undefined, credentials)
      ).id;
    } catch (error) {
      if ((error as Error).name === 'NotFoundError') {
        throw new InputError(`runbookId: no runbook ${id}`);
      }
      throw error;
    }
  }

  private authorize(
    permission: Parameters<typeof authorizeActionItem>[1],
    credentials: BackstageCredentials,
    resourceRef?: string,
    message?: string,
  ) {
    return authorizeActionItem(
      this.deps.permissions,
      permission,
      credentials,
      resourceRef,
      message,
    );
  }
}
