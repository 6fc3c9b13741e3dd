/**
 * Types, annotation names and shared domain logic for Firebreak.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './types';
