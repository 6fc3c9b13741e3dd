import { createExtensionPoint } from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';

/**
 * The action item (follow-up) a ticket exporter turns into a ticket in an issue tracker.
 *
 * @public
 */
export interface FirebreakTicketActionItem {
  /** Firebreak's id of the action item. */
  id: string;
  /** One line: becomes the ticket's title. */
  title: string;
  /** Markdown body written in Firebreak, when there is one. */
  description?: string;
  /** What the item is for. */
  type: 'prevent' | 'detect' | 'mitigate' | 'process';
  /** The item's priority as Firebreak names it, such as `P1`. */
  priority: string;
  /** When the item is due: an ISO 8601 instant. */
  dueAt?: string;
  /** Entity ref of the user who owns the item, such as `user:default/jane`. */
  ownerRef: string;
  /** Entity ref of the group that owns the item, when there is one. */
  ownerGroupRef?: string;
  /** Entity ref of the impacted entity the item is about: the ticket goes to its tracker. */
  entityRef: string;
  /** Reference of the incident the item comes from, such as `INC-42`. */
  incidentRef?: string;
  /** Title of that incident. */
  incidentTitle?: string;
  /** Absolute URL of the item in the portal, for a link back from the ticket. */
  url: string;
}

/**
 * What an exporter knows about where a ticket goes.
 *
 * @public
 */
export interface FirebreakTicketContext {
  /** The catalog entity of the item's `entityRef`, with its annotations. */
  entity: Entity;
}

/**
 * The state of a ticket in its tracker.
 *
 * @public
 */
export interface FirebreakTicketStatus {
  /** Whether the ticket is still open. */
  state: 'open' | 'closed';
  /**
   * Why a closed ticket was closed, when the tracker says: `completed` (the item is done) or
   * `not_planned` (the item will not be done).
   */
  resolution?: 'completed' | 'not_planned';
  /** When the ticket was closed: an ISO 8601 instant. */
  closedAt?: string;
}

/**
 * Identifies a ticket an exporter created, as Firebreak stores it.
 *
 * @public
 */
export interface FirebreakTicketRef {
  /** The exporter's own identifier of the ticket, such as `acme/payments#12`. */
  externalId: string;
  /** The ticket's web page. */
  url: string;
}

/**
 * A ticket an exporter created.
 *
 * @public
 */
export interface FirebreakTicket extends FirebreakTicketRef {
  /** The ticket's state right after it was created. */
  status: FirebreakTicketStatus;
}

/**
 * Why an exporter could not do what it was asked.
 *
 * - `not-supported`: the entity lacks what the exporter needs (an annotation, a repository).
 * - `not-found`: the tracker does not know the project or the ticket.
 * - `unauthorized`: the tracker refused the credentials, or there are none.
 * - `forbidden`: the credentials may not do this.
 * - `rate-limited`: the tracker asks to try again later.
 * - `unavailable`: any other failure of the tracker.
 *
 * @public
 */
export type FirebreakTicketExporterErrorReason =
  | 'not-supported'
  | 'not-found'
  | 'unauthorized'
  | 'forbidden'
  | 'rate-limited'
  | 'unavailable';

/**
 * The error exporters reject with, so that Firebreak can tell the user what went wrong.
 *
 * @public
 */
export class FirebreakTicketExporterError extends Error {
  /** Why the exporter failed. */
  readonly reason: FirebreakTicketExporterErrorReason;
  /** For `rate-limited`: when to try again, as an ISO 8601 instant, if the tracker said. */
  readonly retryAt?: string;

  constructor(
    reason: FirebreakTicketExporterErrorReason,
    message: string,
    options?: { retryAt?: string; cause?: unknown },
  ) {
    super(message, { cause: options?.cause });
    this.name = 'FirebreakTicketExporterError';
    this.reason = reason;
    this.retryAt = options?.retryAt;
  }
}

/**
 * Creates tickets in an issue tracker from Firebreak action items and reads their state back.
 *
 * @remarks
 *
 * Firebreak asks each installed exporter in turn whether it `supports` the item's entity and
 * uses the first that does. Methods reject with {@link FirebreakTicketExporterError}.
 *
 * @public
 */
export interface FirebreakTicketExporter {
  /** Short identifier stored with each ticket and shown to users, such as `github`. */
  readonly id: string;
  /**
   * What an entity needs for this exporter to support it, in words that complete "needs …",
   * such as "a github.com/project-slug annotation (owner/repo)". Firebreak shows it when no
   * installed exporter supports an item's entity, so that users know what to add.
   */
  readonly entityRequirement?: string;
  /** Whether this exporter can create tickets for the entity, judged without network calls. */
  supports(context: FirebreakTicketContext): boolean;
  /** Creates one ticket for the item; resolves once the tracker has it. */
  createTicket(
    item: FirebreakTicketActionItem,
    context: FirebreakTicketContext,
  ): Promise<FirebreakTicket>;
  /** Reads the current state of a ticket this exporter created. */
  readStatus(ticket: FirebreakTicketRef): Promise<FirebreakTicketStatus>;
}

/**
 * Lets backend modules add ticket exporters to Firebreak.
 *
 * @public
 */
export interface FirebreakTicketExporterExtensionPoint {
  /** Adds exporters; their ids must be unique. */
  addTicketExporter(...exporters: FirebreakTicketExporter[]): void;
}

/**
 * Extension point through which backend modules add ticket exporters to Firebreak.
 *
 * @public
 */
export const firebreakTicketExporterExtensionPoint =
  createExtensionPoint<FirebreakTicketExporterExtensionPoint>({
    id: 'firebreak.ticketExporters',
  });
