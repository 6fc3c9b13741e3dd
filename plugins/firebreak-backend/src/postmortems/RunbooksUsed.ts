import {
  PostmortemRunbookUsed,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';

/**
 * The stored runbook versions used during the covered incidents, from their `runbook_step`
 * events: one entry per runbook version ticked or unticked, with how many of its steps ended
 * ticked (in any covered incident). Events record the version and title responders saw, and
 * events after `until` (a published postmortem's publishing) are left out, so what a published
 * postmortem says stays as it was, whatever happens to the runbook or the incident afterwards.
 *
 * @internal
 */
export function runbooksUsed(
  timeline: TimelineEvent[],
  until?: string,
): PostmortemRunbookUsed[] {
  const cutoff = until ? Date.parse(until) : Infinity;
  const used = new Map<string, PostmortemRunbookUsed>();
  /** The last state of each step, by incident, runbook version and step. */
  const lastTick = new Map<
    string,
    { usedKey: string; stepId: string; done: boolean }
  >();
  for (const event of timeline) {
    if (event.type !== 'runbook_step' || Date.parse(event.at) > cutoff) {
      continue;
    }
    const { runbookId, runbookTitle, version, stepId, done } = event.data;
    const usedKey = `${runbookId} ${version}`;
    const entry = used.get(usedKey);
    if (entry) {
      entry.title = runbookTitle;
    } else {
      used.set(usedKey, {
        runbookId,
        title: runbookTitle,
        version,
        stepsTicked: 0,
      });
    }
    lastTick.set(JSON.stringify([event.incidentId, usedKey, stepId]), {
      usedKey,
      stepId,
      done,
    });
  }
  const ticked = new Map<string, Set<string>>();
  for (const { usedKey, stepId, done } of lastTick.values()) {
    if (!done) continue;
    const steps = ticked.get(usedKey) ?? new Set<string>();
    steps.add(stepId);
    ticked.set(usedKey, steps);
  }
  return [...used.entries()]
    .map(([key, entry]) => ({
      ...entry,
      stepsTicked: ticked.get(key)?.size ?? 0,
    }))
    .sort(
      (a, b) =>
        a.title.localeCompare(b.title, 'en') ||
        a.runbookId.localeCompare(b.runbookId) ||
        a.version - b.version,
    );
}
