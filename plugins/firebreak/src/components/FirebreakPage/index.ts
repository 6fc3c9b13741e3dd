export { FirebreakPage } from './FirebreakPage';
