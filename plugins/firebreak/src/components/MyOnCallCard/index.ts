export {
  EntityUserOnCallCard,
  MyOnCallCard,
  MyOnCallContent,
} from './MyOnCallCard';
