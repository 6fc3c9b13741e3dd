export { ActionItemsTable } from './ActionItemsTable';
export { AddActionItemDialog } from './AddActionItemDialog';
export {
  EntityFollowUpsCard,
  EntityFollowUpsSection,
  EntityUserFollowUpsCard,
  MyFollowUpsCard,
  MyFollowUpsContent,
} from './EntityFollowUps';
export { FollowUpsPage } from './FollowUpsPage';
export { IncidentFollowUpsCard } from './IncidentFollowUpsCard';
