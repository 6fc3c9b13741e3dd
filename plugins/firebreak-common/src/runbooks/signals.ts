/**
 * The signal channel on which the backend announces stored runbooks created or saved in a new
 * version: runbook lists and pages reload when a message arrives. Ticks of a step are announced
 * on the incident's own channel, as timeline changes.
 *
 * @public
 */
export const FIREBREAK_RUNBOOKS_SIGNAL_CHANNEL = 'firebreak:runbooks';

/**
 * What the backend sends on {@link FIREBREAK_RUNBOOKS_SIGNAL_CHANNEL}.
 *
 * @public
 */
export type FirebreakRunbookSignal = {
  kind: 'created' | 'updated';
  runbookId: string;
  version: number;
  /** The entities the runbook is attached to, after the change and before it. */
  entityRefs: string[];
};
