export { OnCallOverviewPage } from './OnCallOverviewPage';
