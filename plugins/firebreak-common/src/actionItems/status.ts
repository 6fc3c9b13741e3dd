import { ActionItemStatus } from './types';

const MOVES: Record<ActionItemStatus, readonly ActionItemStatus[]> = {
  open: ['in_progress', 'done', 'wont_do'],
  in_progress: ['open', 'done', 'wont_do'],
  // Finished items may be reopened, nothing else: a reopened item goes through the flow again.
  done: ['open'],
  wont_do: ['open'],
};

/**
 * Whether an action item may move from one status to another: forward through
 * `open → in_progress → done | wont_do`, back from in progress to open, and finished items
 * reopened to `open`. A refusal says why.
 *
 * @public
 */
export function checkActionItemTransition(
  from: ActionItemStatus,
  to: ActionItemStatus,
): { allowed: true } | { allowed: false; reason: string } {
  if (from === to) {
    return { allowed: false, reason: `the item is already ${to}` };
  }
  if (!MOVES[from].includes(to)) {
    return {
      allowed: false,
      reason: `an item that is ${from} may only move to ${MOVES[from].join(
        ' or ',
      )}`,
    };
  }
  return { allowed: true };
}

/**
 * Whether an item still needs doing: open or in progress.
 *
 * @public
 */
export function isActionItemPending(status: ActionItemStatus): boolean {
  return status === 'open' || status === 'in_progress';
}
