import { InputError } from '@backstage/errors';
import {
  checkActionItemTransition,
  CreateActionItemRequest,
  FIREBREAK_ACTION_ITEM_DUE_DAYS_ANNOTATION,
  Incident,
  UpdateActionItemRequest,
} from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';
import { ActionItemSettings, dueDaysFor } from '../config/ActionItemSettings';
import { ActionItemRecord } from './ActionItemStore';

/**
 * Moves an item's status along its flow. A `wontDoReason` is kept only for an item that is, or
 * moves to, `wont_do` (where it is required); any other item ignores it.
 *
 * @internal
 */
export function applyStatus(
  current: ActionItemRecord,
  next: ActionItemRecord,
  input: UpdateActionItemRequest,
  now: Date,
) {
  const status = input.status ?? current.status;
  if (status !== current.status) {
    const transition = checkActionItemTransition(current.status, status);
    if (!transition.allowed) {
      throw new InputError(`status: ${transition.reason}`);
    }
    next.status = status;
    next.completedAt = status === 'done' ? now : null;
  }
  if (status !== 'wont_do') {
    next.wontDoReason = null;
    return;
  }
  next.wontDoReason = input.wontDoReason ?? current.wontDoReason;
  if (!next.wontDoReason) {
    throw new InputError(
      "wontDoReason: is required to move an item to 'wont_do'",
    );
  }
}

/**
 * Sets the ticket link an update gives. A different link (or none) unlinks the ticket an
 * exporter created: Firebreak no longer reads back the state of a ticket the item does not
 * point at.
 *
 * @internal
 */
export function applyTicketUrl(
  next: ActionItemRecord,
  ticketUrl: string | null | undefined,
) {
  if (ticketUrl === undefined || ticketUrl === next.ticketUrl) {
    return;
  }
  next.ticketUrl = ticketUrl;
  next.ticketExporterId = null;
  next.ticketExternalId = null;
}

/**
 * The configured days for the priority and the incident's severity (or the entity's
 * annotation), counted from the incident's resolution — or from now while it is unresolved.
 *
 * @internal
 */
export function defaultDueAt(
  dueDays: ActionItemSettings['dueDays'],
  input: CreateActionItemRequest,
  incident: Incident,
  annotations: Record<string, string>,
  now: Date,
): Date | null {
  const annotation = annotations[FIREBREAK_ACTION_ITEM_DUE_DAYS_ANNOTATION];
  const annotated = annotation ? Number(annotation) : undefined;
  const days = dueDaysFor(
    dueDays,
    input.priority,
    incident.severity,
    annotated !== undefined && Number.isInteger(annotated) && annotated > 0
      ? annotated
      : undefined,
  );
  if (days === undefined) {
    return null;
  }
  const from = incident.resolvedAt ? new Date(incident.resolvedAt) : now;
  return DateTime.fromJSDate(from, { zone: 'utc' }).plus({ days }).toJSDate();
}
