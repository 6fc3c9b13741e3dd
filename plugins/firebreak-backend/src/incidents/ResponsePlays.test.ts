import { Incident } from '@firebreak/backstage-plugin-common';
import { FirebreakSettings, ResponsePlay } from '../config/FirebreakSettings';
import { ResponsePlays } from './ResponsePlays';

const majorPlay: ResponsePlay = {
  name: 'major',
  severities: ['sev1', 'sev2'],
  responders: ['group:default/platform'],
  subscribers: ['user:default/farah.haddad'],
  links: [
    {
      title: 'Bridge',
      type: 'chat',
      url: 'https://chat.example.com/{slug}?id={id}&ref={ref}',
    },
    // Filling in the template gives no http URL, so the link is dropped.
    { title: 'Broken', type: 'doc', url: '{ref}' },
  ],
};
const sev1Play: ResponsePlay = {
  name: 'sev1-status-page',
  severities: ['sev1'],
  responders: [],
  subscribers: [],
  links: [],
};
const plays = new ResponsePlays({
  plays: [majorPlay, sev1Play],
} as Partial<FirebreakSettings> as FirebreakSettings);

describe('ResponsePlays', () => {
  it('picks the plays for a severity, less those already applied', () => {
    expect(plays.for('sev1', []).map(p => p.name)).toEqual([
      'major',
      'sev1-status-page',
    ]);
    expect(plays.for('sev1', ['major']).map(p => p.name)).toEqual([
      'sev1-status-page',
    ]);
    expect(plays.for('sev3', [])).toEqual([]);
  });

  it('fills in link templates and drops links that are not http', () => {
    const incident = {
      id: 'abc-123',
      ref: 'INC-12',
      title: 'Checkout: 500s on /pay!',
    } as Incident;
    expect(plays.links([majorPlay], incident)).toEqual([
      {
        title: 'Bridge',
        type: 'chat',
        url: 'https://chat.example.com/inc-12-checkout-500s-on-pay?id=abc-123&ref=INC-12',
      },
    ]);
  });

  it('describes what a play added on the timeline', () => {
    const now = new Date('2026-03-01T12:00:00.000Z');
    expect(plays.event(majorPlay, 'user:default/alice.nguyen', now)).toEqual({
      type: 'play_applied',
      actorRef: 'user:default/alice.nguyen',
      at: now.toISOString(),
      data: {
        play: 'major',
        description:
          'Added responders group:default/platform; subscribers user:default/farah.haddad; links Bridge, Broken',
      },
    });
  });
});
