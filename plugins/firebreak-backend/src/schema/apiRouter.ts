import { TypedRouter } from '@backstage/backend-openapi-utils';
import { EndpointMap } from './openapi';

/**
 * The plugin's API router, typed by `src/schema/openapi.yaml`: each resource's module adds its
 * routes to it, and their parameters, bodies and responses are those of the spec.
 *
 * @internal
 */
export type FirebreakApiRouter = TypedRouter<EndpointMap>;
