/**
 * The Firebreak backend plugin: incidents, on-call and postmortems in the Backstage database.
 *
 * @packageDocumentation
 */

export { firebreakPlugin as default } from './plugin';
