export { LOCAL_MINUTE, localZoneName, parsePastInstant } from './localTime';
