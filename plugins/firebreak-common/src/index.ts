/**
 * Types, annotation names and shared domain logic for Firebreak.
 *
 * @packageDocumentation
 */

export * from './annotations';
export * from './types';
export * from './permissions';
export * from './signals';
export * from './incidents/status';
export * from './incidents/severity';
export * from './incidents/priority';
export * from './incidents/roles';
export * from './incidents/commander';
export * from './incidents/participants';
export * from './incidents/detection';
export * from './oncall/types';
export {
  computeLayerShifts,
  computeScheduleShifts,
  findOnCall,
} from './oncall/shifts';
export * from './oncall/validation';
export * from './oncall/api';
export * from './runbooks';
export * from './actionItems';
export * from './postmortems';
