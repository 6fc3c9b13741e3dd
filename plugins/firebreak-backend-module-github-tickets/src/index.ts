/**
 * A Firebreak backend module that files action items as GitHub issues in the entity's
 * repository and reads their state back.
 *
 * @packageDocumentation
 */

export { firebreakModuleGithubTickets as default } from './module';
