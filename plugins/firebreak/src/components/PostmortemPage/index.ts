export { PostmortemPage } from './PostmortemPage';
