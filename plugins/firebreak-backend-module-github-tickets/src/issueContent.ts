import { FirebreakTicketActionItem } from '@firebreak/backstage-plugin-node';

/** GitHub refuses issue titles over 256 characters and bodies over 65,536. */
const MAX_TITLE = 256;
const MAX_BODY = 65_536;

export function issueTitle(item: FirebreakTicketActionItem): string {
  const title = item.title.trim();
  return title.length <= MAX_TITLE
    ? title
    : `${title.slice(0, MAX_TITLE - 1)}…`;
}

/** Inline code that a backtick in the value cannot break out of. */
function code(value: string): string {
  return `\`${value.replace(/`/g, "'")}\``;
}

/**
 * The issue's Markdown: the item's description, then what Firebreak knows about it and a link
 * back to the item in the portal.
 */
export function issueBody(item: FirebreakTicketActionItem): string {
  const facts = [
    `- **Type:** ${item.type}`,
    `- **Priority:** ${item.priority}`,
    item.dueAt ? `- **Due:** ${item.dueAt.slice(0, 10)}` : undefined,
    `- **Owner:** ${code(item.ownerRef)}${
      item.ownerGroupRef ? ` (${code(item.ownerGroupRef)})` : ''
    }`,
    `- **Entity:** ${code(item.entityRef)}`,
    item.incidentRef
      ? `- **Incident:** ${item.incidentRef}${
          item.incidentTitle ? ` — ${item.incidentTitle}` : ''
        }`
      : undefined,
  ].filter(Boolean);
  const footer = [
    '---',
    '',
    `Follow-up tracked in Firebreak: ${item.url}`,
    '',
    ...facts,
  ].join('\n');
  const room = MAX_BODY - footer.length - 10;
  let description = item.description?.trim() ?? '';
  if (description.length > room) {
    description = `${description.slice(0, Math.max(0, room - 1))}…`;
  }
  return description ? `${description}\n\n${footer}` : footer;
}
