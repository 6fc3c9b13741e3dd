import { Incident } from '../types';

/**
 * Whether one of the claims (a user's ref and their groups' refs) takes part in an incident:
 * holds a role in it, is one of its responders, or reported it.
 *
 * @public
 */
export function isIncidentParticipant(
  incident: Pick<Incident, 'roles' | 'responders' | 'reporterRef'>,
  claims: string[],
): boolean {
  const lower = (ref: string) => ref.toLocaleLowerCase('en-US');
  const participants = new Set(
    [
      ...Object.values(incident.roles),
      ...incident.responders,
      incident.reporterRef,
    ].map(lower),
  );
  return claims.some(claim => participants.has(lower(claim)));
}

/**
 * Whether a user joined an incident as a responder themself (a group a play added does not count:
 * only a person's own membership can be left).
 *
 * @public
 */
export function hasJoinedAsResponder(
  incident: Pick<Incident, 'responders'>,
  userRef: string,
): boolean {
  const lowered = userRef.toLocaleLowerCase('en-US');
  return incident.responders.some(
    ref => ref.toLocaleLowerCase('en-US') === lowered,
  );
}
