import { users } from '../firebreakTestBackend';
import { OperationRow } from './OperationMatrix';

/** The auth matrix's rows for incidents and their timelines. */
export const incidentOperations: OperationRow[] = [
  {
    operation: 'GET /incidents',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await setup.declareIncident();
      return { path: '/incidents?entityRef=component:default/payments-api' };
    },
  },
  {
    operation: 'POST /incidents',
    access: 'change',
    permitted: 201,
    prepare: async () => ({
      path: '/incidents',
      body: {
        title: 'Card payments fail',
        severity: 'SEV2',
        entityRefs: ['component:default/payments-api'],
      },
    }),
  },
  {
    operation: 'GET /incidents/{idOrRef}',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      return { path: `/incidents/${incident.ref}` };
    },
  },
  {
    operation: 'PATCH /incidents/{idOrRef}',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      return {
        path: `/incidents/${incident.id}`,
        body: { version: incident.version, status: 'identified' },
      };
    },
  },
  {
    operation: 'GET /incidents/{idOrRef}/timeline',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      return { path: `/incidents/${incident.id}/timeline` };
    },
  },
  {
    operation: 'POST /incidents/{idOrRef}/timeline',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      return {
        path: `/incidents/${incident.id}/timeline`,
        body: { type: 'note', text: 'The ledger lags', tag: 'observation' },
      };
    },
  },
  {
    // Reading is enough to join: the viewer may, mallory (who may not read) may not.
    operation: 'POST /incidents/{idOrRef}/responders',
    access: 'read',
    permitted: 201,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      // Alice, who declared it, hands command to bob so that joining adds her.
      await setup.send('patch', `/incidents/${incident.id}`, {
        version: incident.version,
        roles: { commander: users.bob },
      });
      return { path: `/incidents/${incident.id}/responders` };
    },
  },
  {
    operation: 'DELETE /incidents/{idOrRef}/responders/me',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      await setup.send('patch', `/incidents/${incident.id}`, {
        version: incident.version,
        roles: { commander: users.bob },
      });
      await setup.send('post', `/incidents/${incident.id}/responders`);
      return { path: `/incidents/${incident.id}/responders/me` };
    },
  },
];
