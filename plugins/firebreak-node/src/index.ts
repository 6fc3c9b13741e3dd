/**
 * Extension points for Firebreak backend modules.
 *
 * @packageDocumentation
 */

export * from './notifiers';
export * from './tickets';
