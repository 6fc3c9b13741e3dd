import { DiscoveryApi, FetchApi } from '@backstage/core-plugin-api';
import { FirebreakApi } from './FirebreakApi';
import { FirebreakHttp } from './client/http';
import { incidentRequests } from './client/incidentRequests';
import { onCallRequests } from './client/onCallRequests';
import {
  actionItemRequests,
  postmortemRequests,
  runbookRequests,
} from './client/learningRequests';

/**
 * Talks to the Firebreak backend over HTTP.
 *
 * @public
 */
// The class gets its methods from one module per feature (`./client`); the interface of the
// same name tells TypeScript it has every method of `FirebreakApi`, and the typed `requests`
// below fails to compile if a feature module misses one.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export interface FirebreakClient extends FirebreakApi {}

/**
 * Talks to the Firebreak backend over HTTP: `new FirebreakClient({ discoveryApi, fetchApi })`.
 *
 * @public
 */
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class FirebreakClient {
  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    const http = new FirebreakHttp(options);
    const requests: FirebreakApi = {
      ...incidentRequests(http),
      ...onCallRequests(http),
      ...runbookRequests(http),
      ...postmortemRequests(http),
      ...actionItemRequests(http),
    };
    Object.assign(this, requests);
  }
}
