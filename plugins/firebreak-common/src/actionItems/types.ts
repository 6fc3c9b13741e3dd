/**
 * What an action item is for, after the Google SRE workbook's kinds plus detection.
 *
 * @public
 */
export const ACTION_ITEM_TYPES = [
  'prevent',
  'detect',
  'mitigate',
  'process',
] as const;

/**
 * One of {@link ACTION_ITEM_TYPES}.
 *
 * @public
 */
export type ActionItemType = (typeof ACTION_ITEM_TYPES)[number];

/**
 * How urgent an action item is: P0 and P1 are "priority actions" with a due date by default.
 *
 * @public
 */
export const ACTION_ITEM_PRIORITIES = ['P0', 'P1', 'P2', 'P3'] as const;

/**
 * One of {@link ACTION_ITEM_PRIORITIES}.
 *
 * @public
 */
export type ActionItemPriority = (typeof ACTION_ITEM_PRIORITIES)[number];

/**
 * Where an action item is: `open → in_progress → done`, or `wont_do` with a reason.
 *
 * @public
 */
export const ACTION_ITEM_STATUSES = [
  'open',
  'in_progress',
  'done',
  'wont_do',
] as const;

/**
 * One of {@link ACTION_ITEM_STATUSES}.
 *
 * @public
 */
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];

/**
 * A ticket that a ticket exporter (an issue tracker module) created from an action item. While
 * the item is open or in progress, Firebreak reads the ticket's state back: a ticket closed as
 * completed makes the item `done`, one closed as not planned `wont_do`.
 *
 * @public
 */
export interface ActionItemTicket {
  /** The exporter that created it, such as `github`. */
  exporterId: string;
  /** The tracker's id of the ticket, such as `acme/payments#12`. */
  externalId: string;
  /** The ticket's web page; the same as the item's `ticketUrl`. */
  url: string;
}

/**
 * A follow-up of an incident (and of its postmortem): something a team owes.
 *
 * @public
 */
export interface ActionItem {
  id: string;
  title: string;
  /** Markdown. */
  description: string;
  type: ActionItemType;
  priority: ActionItemPriority;
  status: ActionItemStatus;
  /** Who does it: a user or a group, lower-cased entity ref. */
  ownerRef: string;
  /** The group that owes it: the owner if a group, else the impacted entity's owner. */
  ownerGroupRef?: string;
  /** The impacted entity it is about, lower-cased. */
  entityRef: string;
  incidentId: string;
  /** The incident's `INC-<n>`. */
  incidentRef: string;
  postmortemId?: string;
  /** The stored runbook the item is about updating ("Update this runbook"). */
  runbookId?: string;
  /** ISO 8601 instant; absent when the item has no target date. */
  dueAt?: string;
  /** Whether it is open or in progress past its due date, when the answer was made. */
  overdue: boolean;
  completedAt?: string;
  /** Why it will not be done; present when `status` is `wont_do`. */
  wontDoReason?: string;
  /** An issue in an external tracker (http or https), linked by hand or created by Firebreak. */
  ticketUrl?: string;
  /** The ticket a ticket exporter created for the item; absent for a link added by hand. */
  ticket?: ActionItemTicket;
  creatorRef: string;
  createdAt: string;
  updatedAt: string;
  /** Bumped on every change; send it back to change the item. */
  version: number;
}

/**
 * Creating an action item.
 *
 * @public
 */
export interface CreateActionItemRequest {
  title: string;
  description?: string;
  type?: ActionItemType;
  priority: ActionItemPriority;
  ownerRef: string;
  ownerGroupRef?: string;
  /** Defaults to the incident's first impacted entity. */
  entityRef?: string;
  /** The incident's id or `INC-<n>`. */
  incidentRef: string;
  postmortemId?: string;
  /** A stored runbook the item is about updating; it must exist. */
  runbookId?: string;
  /** Defaults from the configured due days for the priority and the incident's severity. */
  dueAt?: string;
  ticketUrl?: string;
}

/**
 * Changing an action item, against the `version` it was read at.
 *
 * @public
 */
export interface UpdateActionItemRequest {
  version: number;
  title?: string;
  description?: string;
  type?: ActionItemType;
  priority?: ActionItemPriority;
  status?: ActionItemStatus;
  wontDoReason?: string;
  ownerRef?: string;
  ownerGroupRef?: string | null;
  entityRef?: string;
  postmortemId?: string | null;
  /** A stored runbook the item updates, or `null` for none. */
  runbookId?: string | null;
  dueAt?: string | null;
  /**
   * A link to a ticket, or `null` for none. Changing it unlinks a ticket Firebreak created: its
   * state is no longer read back.
   */
  ticketUrl?: string | null;
}

/**
 * Creating a ticket for an action item in the tracker of its entity, against the `version` the
 * item was read at.
 *
 * @public
 */
export interface CreateActionItemTicketRequest {
  /** The version of the item the caller read. */
  version: number;
}
