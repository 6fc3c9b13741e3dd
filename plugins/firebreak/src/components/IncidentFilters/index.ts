export { IncidentFilters } from './IncidentFilters';
export { useIncidentFilters } from './useIncidentFilters';
export type { IncidentFilterValues } from './useIncidentFilters';
