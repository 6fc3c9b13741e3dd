import {
  IncidentRoleDefinition,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import { ReactNode } from 'react';
import { describePageReason } from './paging';
import { Actor, People, Person } from './People';

/** The incident's details a `details_changed` event names, as people say them. */
const DETAIL_NAMES: Record<string, string> = {
  title: 'title',
  summary: 'summary',
  startedAt: 'impact start',
  detectedAt: 'detection time',
};

/** "a", "a and b", "a, b and c". */
function joinWords(words: string[]): string {
  return words.length < 2
    ? words.join('')
    : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/**
 * What one timeline event says, in words: the roles name the role changes.
 *
 * @internal
 */
export function describeTimelineEvent(
  event: TimelineEvent,
  roles: IncidentRoleDefinition[],
): ReactNode {
  switch (event.type) {
    case 'declared':
      return `Declared as ${event.data.severity}: ${event.data.title}`;
    case 'status_changed':
      return `${event.data.reopened ? 'Reopened' : 'Status'}: ${
        event.data.from
      } → ${event.data.to}`;
    case 'severity_changed':
      return `Severity: ${event.data.from} → ${event.data.to}`;
    case 'priority_changed':
      return `Priority: ${event.data.from} → ${event.data.to}`;
    case 'role_changed': {
      const role =
        roles.find(r => r.id === event.data.role)?.name ?? event.data.role;
      return (
        <>
          {role}: <Person userRef={event.data.from} /> →{' '}
          <Person userRef={event.data.to} />
        </>
      );
    }
    case 'entities_changed':
      return `Impacted entities: ${[
        ...event.data.added.map(ref => `+ ${ref}`),
        ...event.data.removed.map(ref => `− ${ref}`),
      ].join(', ')}`;
    case 'details_changed':
      return `Changed the ${joinWords(
        event.data.fields.map(field => DETAIL_NAMES[field] ?? field),
      )}`;
    case 'play_applied':
      return `Response play ${event.data.play}: ${event.data.description}`;
    case 'note': {
      const tag = event.data.tag
        ? `${event.data.tag[0].toLocaleUpperCase(
            'en-US',
          )}${event.data.tag.slice(1)}`
        : 'Note';
      return `${tag}: ${event.data.text}`;
    }
    case 'status_update':
      return `Status update (${event.data.audience}): ${event.data.text}`;
    case 'paged': {
      const { level, round, policy, users, reason } = event.data;
      return (
        <>
          Paged <People refs={users} /> (level {level}
          {round > 1 && `, round ${round}`}, {policy}):{' '}
          {describePageReason(reason)}
        </>
      );
    }
    case 'page_acknowledged':
      return (
        <>
          <Person userRef={event.actorRef} /> acknowledged (level{' '}
          {event.data.level}, {event.data.policy}): escalation stopped
        </>
      );
    case 'responder_joined':
      return (
        <>
          <Person userRef={event.data.userRef} /> joined as a responder
        </>
      );
    case 'responder_left':
      return (
        <>
          <Person userRef={event.data.userRef} /> left the responders
        </>
      );
    case 'runbook_step': {
      const { done, stepTitle, runbookTitle, version } = event.data;
      return `${
        done ? 'Ticked' : 'Unticked'
      } '${stepTitle}' in ${runbookTitle} (v${version})`;
    }
    case 'postmortem_published':
      return (
        <>
          Postmortem published by <Actor actorRef={event.actorRef} />
        </>
      );
    case 'postmortem_waived':
      return (
        <>
          Postmortem waived by <Actor actorRef={event.actorRef} />
          {event.data.reason ? `: ${event.data.reason}` : ''}
        </>
      );
    case 'postmortem_reopened':
      return (
        <>
          Postmortem reopened by <Actor actorRef={event.actorRef} />
        </>
      );
    case 'page_exhausted':
      return event.data.reason === 'nobody_on_call'
        ? `Nobody is on call for ${event.data.policy}: nobody was paged`
        : `Nobody acknowledged ${event.data.policy} at any level: paging stopped`;
    default:
      return 'Event';
  }
}
