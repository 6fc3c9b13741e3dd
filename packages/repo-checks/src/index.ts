/**
 * Checks that .ci/run makes on the repository itself.
 *
 * @packageDocumentation
 */

export * from './changesets';
