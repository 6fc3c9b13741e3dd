import { OperationRow } from './OperationMatrix';

/** The auth matrix's rows for the plugin's health and settings. */
export const serviceOperations: OperationRow[] = [
  {
    operation: 'GET /health',
    access: 'public',
    permitted: 200,
    prepare: async () => ({ path: '/health' }),
  },
  {
    // The configured choices are no secret: any signed-in caller reads them.
    operation: 'GET /settings',
    access: 'signedIn',
    permitted: 200,
    prepare: async () => ({ path: '/settings' }),
  },
];
