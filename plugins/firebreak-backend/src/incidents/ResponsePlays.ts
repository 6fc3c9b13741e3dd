import { Incident, IncidentLink } from '@firebreak/backstage-plugin-common';
import { FirebreakSettings, ResponsePlay } from '../config/FirebreakSettings';
import { NewTimelineEvent } from './IncidentStore';
import { isHttpUrl } from '../schema/httpUrl';
import { lowerRef } from '../refs';

function slugify(title: string) {
  return title
    .toLocaleLowerCase('en-US')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
}

/**
 * The configured response plays: what a severity brings in (responders, subscribers, links)
 * and how the timeline records that a play was applied. Each play applies once per incident.
 *
 * @internal
 */
export class ResponsePlays {
  constructor(private readonly settings: FirebreakSettings) {}

  /** The plays for a severity, less those already applied. */
  for(severity: string, alreadyApplied: string[]) {
    return this.settings.plays.filter(
      play =>
        play.severities.includes(severity) &&
        !alreadyApplied.includes(play.name),
    );
  }

  /** The timeline's `play_applied` event for a play. */
  event(play: ResponsePlay, actorRef: string, now: Date): NewTimelineEvent {
    const parts = [
      play.responders.length ? `responders ${play.responders.join(', ')}` : '',
      play.subscribers.length
        ? `subscribers ${play.subscribers.join(', ')}`
        : '',
      play.links.length
        ? `links ${play.links.map(l => l.title).join(', ')}`
        : '',
    ].filter(Boolean);
    return {
      type: 'play_applied',
      actorRef,
      at: now.toISOString(),
      data: { play: play.name, description: `Added ${parts.join('; ')}` },
    };
  }

  /** The plays' link templates filled in for an incident; links that come out unsafe are dropped. */
  links(plays: ResponsePlay[], incident: Incident): IncidentLink[] {
    const slug = `${lowerRef(incident.ref)}-${slugify(incident.title)}`;
    return (
      plays
        .flatMap(play =>
          play.links.map(link => ({
            title: link.title,
            type: link.type,
            url: link.url
              .replaceAll('{ref}', incident.ref)
              .replaceAll('{id}', incident.id)
              .replaceAll('{slug}', slug),
          })),
        )
        // The settings checked each template's scheme; this checks what filling it in gave.
        .filter(link => isHttpUrl(link.url))
    );
  }
}
