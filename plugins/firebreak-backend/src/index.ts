/**
 * The Firebreak backend plugin: incidents, on-call and postmortems in the Backstage database.
 *
 * @packageDocumentation
 */

export { firebreakPlugin as default } from './plugin';
export { firebreakClockServiceRef } from './clock';
export type { FirebreakClock } from './clock';
export * from './permissions';
