export { EntityActiveIncidentsCard } from './EntityActiveIncidentsCard';
