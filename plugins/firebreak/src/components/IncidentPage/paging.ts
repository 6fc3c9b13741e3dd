import { OnCallPage, PageReason } from '@firebreak/backstage-plugin-common';

/**
 * Whether someone was notified by a page that still waits for an acknowledgement: then the
 * incident page asks them to acknowledge before anything else.
 *
 * @internal
 */
export function activePagesNotifying(
  pages: OnCallPage[],
  userRef: string | undefined,
): OnCallPage[] {
  if (!userRef) {
    return [];
  }
  const me = userRef.toLocaleLowerCase('en-US');
  return pages.filter(
    page =>
      page.status === 'active' &&
      page.notified.some(ref => ref.toLocaleLowerCase('en-US') === me),
  );
}

/**
 * The first acknowledgement of an incident's pages: who stopped the escalation, and when.
 *
 * @internal
 */
export function firstAcknowledgement(
  pages: OnCallPage[],
): { by: string; at: string } | undefined {
  const acknowledged = pages
    .filter(page => page.acknowledgedBy && page.acknowledgedAt)
    .sort((a, b) => a.acknowledgedAt!.localeCompare(b.acknowledgedAt!));
  return acknowledged.length
    ? {
        by: acknowledged[0].acknowledgedBy!,
        at: acknowledged[0].acknowledgedAt!,
      }
    : undefined;
}

/**
 * The soonest escalation still due among active pages, as epoch milliseconds.
 *
 * @internal
 */
export function nextEscalation(pages: OnCallPage[]): number | undefined {
  const due = pages.flatMap(page =>
    page.status === 'active' && page.nextEscalationAt
      ? [Date.parse(page.nextEscalationAt)]
      : [],
  );
  return due.length ? Math.min(...due) : undefined;
}

/**
 * Why a level was paged, for the timeline.
 *
 * @internal
 */
export function describePageReason(reason: PageReason): string {
  switch (reason) {
    case 'declared':
      return 'the incident was declared';
    case 'timeout':
      return 'nobody acknowledged the previous level in time';
    case 'escalated':
      return 'escalated by hand';
    case 'severity':
      return 'the severity was raised';
    default:
      return reason;
  }
}
