import {
  PostmortemDetails,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';

/** A duration as people read it: `1 h 5 min`, `45 s`. */
function humanDuration(seconds: number | null): string {
  if (seconds === null) return 'unknown';
  const d = Math.floor(seconds / 86400);
  const h = Math.floor((seconds % 86400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const parts = [
    d ? `${d} d` : '',
    h ? `${h} h` : '',
    m ? `${m} min` : '',
    !d && !h && (s || !m) ? `${s} s` : '',
  ].filter(Boolean);
  return parts.join(' ');
}

/** One line of what a timeline event says. */
function describeEvent(event: TimelineEvent): string {
  const data = event.data as Record<string, unknown>;
  switch (event.type) {
    case 'note':
    case 'status_update':
      return String(data.text);
    case 'status_changed':
      return `Status changed from ${data.from} to ${data.to}`;
    case 'severity_changed':
    case 'priority_changed':
      return `${event.type.split('_')[0]} changed from ${data.from} to ${
        data.to
      }`;
    case 'declared':
      return `Declared: ${data.title}`;
    case 'runbook_step':
      return `${data.done ? 'Ticked' : 'Unticked'} '${data.stepTitle}' in ${
        data.runbookTitle
      } (v${data.version})`;
    case 'postmortem_published':
      return 'Postmortem published';
    case 'postmortem_waived':
      return `Postmortem waived: ${data.reason}`;
    case 'postmortem_reopened':
      return 'Postmortem reopened';
    default:
      return event.type.replace(/_/g, ' ');
  }
}

/** Table cells hold one line, and a pipe would end the cell. */
function cell(text: string) {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/**
 * A postmortem as one Markdown document: the incident (and the others it covers), the key
 * durations, the sections as written, the starred timeline events, the runbook versions used
 * and the approvals. Section bodies are the authors' Markdown, copied as is.
 *
 * @internal
 */
export function postmortemMarkdown(postmortem: PostmortemDetails): string {
  const { incident } = postmortem;
  const lines: string[] = [
    `# Postmortem: ${incident.ref} ${incident.title}`,
    '',
    `- Severity: ${incident.severity}`,
    `- Status: ${postmortem.status.replace('_', ' ')}`,
    `- Owner: ${postmortem.ownerRef}`,
    ...(postmortem.ownerGroupRef
      ? [`- Team: ${postmortem.ownerGroupRef}`]
      : []),
    `- Impacted: ${incident.entityRefs.join(', ')}`,
    ...(postmortem.alsoCovers.length
      ? [
          `- Also covers: ${postmortem.alsoCovers
            .map(i => `${i.ref} ${cell(i.title)} (${i.severity})`)
            .join(', ')}`,
        ]
      : []),
    ...(postmortem.dueAt ? [`- Due: ${postmortem.dueAt}`] : []),
    ...(postmortem.publishedAt
      ? [`- Published: ${postmortem.publishedAt}`]
      : []),
    ...(postmortem.waiverReason
      ? [`- Waived: ${cell(postmortem.waiverReason)}`]
      : []),
    '',
    '## Key durations',
    '',
    ...(postmortem.alsoCovers.length
      ? [`Of ${incident.ref}, the incident the postmortem was started for.`, '']
      : []),
    '| From | To | Duration |',
    '| --- | --- | --- |',
    ...postmortem.keyDurations.map(
      d => `| ${d.from} | ${d.to} | ${humanDuration(d.seconds)} |`,
    ),
  ];
  for (const section of postmortem.sections) {
    lines.push(
      '',
      `## ${cell(section.title)}`,
      '',
      section.body.trim() || '_Not written._',
    );
    if (section.whys?.length) {
      lines.push(
        '',
        '### Five whys',
        '',
        ...section.whys.map((why, i) => `${i + 1}. ${cell(why)}`),
      );
    }
  }
  const starred = postmortem.timeline.filter(e =>
    postmortem.starredEventIds.includes(e.id),
  );
  lines.push('', '## Incident timeline', '');
  if (starred.length === 0) {
    lines.push('_No events picked._');
  } else {
    lines.push('| Time (UTC) | Event | By |', '| --- | --- | --- |');
    // With several incidents, each event says which one it is from.
    const refs = new Map(
      [incident, ...postmortem.alsoCovers].map(i => [i.id, i.ref]),
    );
    const from = (event: TimelineEvent) =>
      postmortem.alsoCovers.length ? `${refs.get(event.incidentId)}: ` : '';
    for (const event of starred) {
      lines.push(
        `| ${event.at.replace('T', ' ').slice(0, 16)} | ${cell(
          from(event) + describeEvent(event),
        )} | ${event.actorRef} |`,
      );
    }
  }
  lines.push('', '## Runbooks used', '');
  if (postmortem.runbooksUsed.length === 0) {
    lines.push('_No stored runbook steps were ticked._');
  } else {
    lines.push(
      ...postmortem.runbooksUsed.map(
        r =>
          `- ${cell(r.title)}, version ${r.version}: ${r.stepsTicked} step${
            r.stepsTicked === 1 ? '' : 's'
          } ticked`,
      ),
    );
  }
  if (postmortem.approvals.length > 0) {
    lines.push(
      '',
      '## Approvals',
      '',
      ...postmortem.approvals.map(a => `- ${a.approverRef}, ${a.approvedAt}`),
    );
  }
  return `${lines.join('\n')}\n`;
}
