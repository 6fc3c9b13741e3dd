import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { ConflictError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ActionItem,
  firebreakActionItemUpdatePermission,
  isActionItemPending,
} from '@firebreak/backstage-plugin-common';
import {
  FirebreakTicket,
  FirebreakTicketActionItem,
  FirebreakTicketExporter,
} from '@firebreak/backstage-plugin-node';
import { TicketExporters } from '../tickets/TicketExporters';
import { TicketExportError } from '../tickets/TicketExportError';
import { authorizeActionItem } from './ActionItemAuthorization';
import { ActionItemIncidents } from './ActionItemService';
import { ActionItemSignals } from './ActionItemSignals';
import {
  ActionItemRecord,
  ActionItemStore,
  toActionItem,
} from './ActionItemStore';
import { ActionItemTicketStore } from './ActionItemTicketStore';

/**
 * A claim older than this belongs to a request that died: exporters give up on their tracker
 * well before (GitHub's after 15 seconds).
 */
const CLAIM_EXPIRY_MS = 2 * 60 * 1000;

/**
 * Creates tickets from action items with the first installed exporter that supports the item's
 * entity, and links them to the items.
 *
 * Nothing is half-written: the item is claimed (a bookkeeping column, not a change) before the
 * exporter is called, so two requests never create two tickets; when the exporter fails, the
 * claim is given back and the item is as it was.
 *
 * @internal
 */
export class ActionItemTickets {
  constructor(
    private readonly deps: {
      store: ActionItemStore;
      tickets: ActionItemTicketStore;
      exporters: TicketExporters;
      incidents: ActionItemIncidents;
      catalog: CatalogService;
      permissions: PermissionsService;
      signals: ActionItemSignals;
      logger: LoggerService;
      now: () => Date;
      /** The portal's address, for the link back from the ticket. */
      baseUrl: string;
    },
  ) {}

  /** Creates the item's ticket against the `version` the caller read; answers the item. */
  async create(
    id: string,
    version: number,
    credentials: BackstageCredentials,
  ): Promise<ActionItem> {
    const { store, tickets, logger } = this.deps;
    const current = await store.get(id);
    if (!current) {
      throw new NotFoundError(`No action item ${id}`);
    }
    await authorizeActionItem(
      this.deps.permissions,
      firebreakActionItemUpdatePermission,
      credentials,
      current.id,
      `You may not change action item ${current.id}`,
    );
    this.checkCanHaveTicket(current, version);
    const entity = await this.entityOf(current, credentials);
    const exporter = this.exporterFor(entity, current.entityRef);
    const item = await this.ticketItem(current, credentials);

    const claimedAt = this.deps.now();
    const claimed = await tickets.claim(
      current.id,
      version,
      claimedAt,
      new Date(claimedAt.getTime() - CLAIM_EXPIRY_MS),
    );
    if (!claimed) {
      const now = await store.get(current.id);
      if (now) this.checkCanHaveTicket(now, version);
      throw new ConflictError(
        `A ticket is already being created for action item ${current.id}; reload it in a moment`,
      );
    }

    let ticket: FirebreakTicket;
    try {
      ticket = await exporter.createTicket(item, { entity });
    } catch (error) {
      await tickets.release(current.id, claimedAt);
      if (
        !(
          error instanceof Error &&
          error.name === 'FirebreakTicketExporterError'
        )
      ) {
        logger.error(
          `The ${exporter.id} ticket exporter failed to create a ticket for action item ${current.id}`,
          error as Error,
        );
      }
      throw TicketExportError.fromExporter(exporter.id, error, this.deps.now());
    }

    const linked = await tickets.link(
      current.id,
      claimedAt,
      {
        exporterId: exporter.id,
        externalId: ticket.externalId,
        url: ticket.url,
        state: ticket.status.state,
      },
      this.deps.now(),
    );
    if (!linked) {
      // Someone linked a ticket by hand while this one was made: theirs stays.
      logger.warn(
        `Ticket ${ticket.externalId} (${ticket.url}) was created for action item ${current.id}, which got another ticket meanwhile; it is not linked`,
      );
      throw new ConflictError(
        `Action item ${current.id} got a ticket while ${ticket.url} was being created; that one is not linked to it`,
      );
    }
    await this.deps.signals.publish('updated', linked);
    return toActionItem(linked, this.deps.now());
  }

  /** 409 when the item changed since `version`, has a ticket, or is finished. */
  private checkCanHaveTicket(record: ActionItemRecord, version: number) {
    if (version !== record.version) {
      throw new ConflictError(
        `version: the action item changed since version ${version} (now ${record.version}); reload it and try again`,
      );
    }
    if (record.ticketUrl) {
      throw new ConflictError(
        `Action item ${record.id} already has a ticket: ${record.ticketUrl}`,
      );
    }
    if (!isActionItemPending(record.status)) {
      throw new ConflictError(
        `Action item ${record.id} is ${record.status}: only open or in-progress items get a ticket; reopen it first`,
      );
    }
  }

  private async entityOf(
    record: ActionItemRecord,
    credentials: BackstageCredentials,
  ): Promise<Entity> {
    const entity = await this.deps.catalog.getEntityByRef(record.entityRef, {
      credentials,
    });
    if (!entity) {
      throw TicketExportError.unsupported(
        `${record.entityRef} is not in the catalog, so there is no tracker to create its ticket in`,
      );
    }
    return entity;
  }

  /** The first exporter that supports the entity; 422 saying what the entity lacks otherwise. */
  private exporterFor(entity: Entity, entityRef: string) {
    const { exporters } = this.deps;
    const installed = exporters.list();
    if (installed.length === 0) {
      throw TicketExportError.unsupported(
        `no ticket exporter is installed, so ${entityRef} has no tracker to create a ticket in; an administrator can install one, such as the GitHub tickets module`,
      );
    }
    const exporter = exporters.forContext({ entity });
    if (!exporter) {
      throw TicketExportError.unsupported(
        `${entityRef} has no tracker a ticket exporter supports: ${installed
          .map(describeNeed)
          .join('; ')}`,
      );
    }
    return exporter;
  }

  /** The item as the exporter sees it. */
  private async ticketItem(
    record: ActionItemRecord,
    credentials: BackstageCredentials,
  ): Promise<FirebreakTicketActionItem> {
    let incidentTitle: string | undefined;
    try {
      incidentTitle = (
        await this.deps.incidents.get(record.incidentId, credentials)
      ).title;
    } catch {
      // Someone who may change the item but not read its incident: the ticket goes without it.
      incidentTitle = undefined;
    }
    const base = this.deps.baseUrl.replace(/\/+$/, '');
    return {
      id: record.id,
      title: record.title,
      description: record.description || undefined,
      type: record.type,
      priority: record.priority,
      dueAt: record.dueAt?.toISOString(),
      ownerRef: record.ownerRef,
      ownerGroupRef: record.ownerGroupRef ?? undefined,
      entityRef: record.entityRef,
      incidentRef: record.incidentRef,
      incidentTitle,
      // The item is listed on its incident's page.
      url: `${base}/firebreak/incidents/${encodeURIComponent(
        record.incidentRef,
      )}`,
    };
  }
}

function describeNeed(exporter: FirebreakTicketExporter): string {
  return exporter.entityRequirement
    ? `${exporter.id} needs ${exporter.entityRequirement}`
    : `${exporter.id} does not support it`;
}
