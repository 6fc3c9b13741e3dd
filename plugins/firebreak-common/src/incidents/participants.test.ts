import { hasJoinedAsResponder, isIncidentParticipant } from './participants';

const incident = {
  reporterRef: 'user:default/alice',
  roles: { commander: 'user:default/farah', scribe: 'user:default/sam' },
  responders: ['user:default/joe', 'group:default/sre'],
};

describe('isIncidentParticipant', () => {
  it.each([
    [['user:default/alice'], true, 'the reporter'],
    [['user:default/farah'], true, 'the commander'],
    [['user:default/sam'], true, 'another role holder'],
    [['User:Default/Joe'], true, 'a joined responder, in any case'],
    [
      ['user:default/kim', 'group:default/sre'],
      true,
      'a member of a responder group',
    ],
    [['user:default/kim', 'group:default/payments'], false, 'anyone else'],
    [[], false, 'no claims'],
  ])('%j → %s (%s)', (claims, expected) => {
    expect(isIncidentParticipant(incident, claims)).toBe(expected);
  });
});

describe('hasJoinedAsResponder', () => {
  it('knows a person who joined, not a member of a responder group', () => {
    expect(hasJoinedAsResponder(incident, 'user:default/JOE')).toBe(true);
    expect(hasJoinedAsResponder(incident, 'user:default/kim')).toBe(false);
  });
});
