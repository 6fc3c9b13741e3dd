import { users } from '../firebreakTestBackend';
import { MatrixSetup } from './MatrixSetup';
import { OperationRow } from './OperationMatrix';

/** An action item of a new incident, owned by alice. */
async function createActionItem(setup: MatrixSetup) {
  const incident = await setup.declareIncident();
  return setup.send('post', '/action-items', {
    title: setup.unique('Alert on pool saturation'),
    priority: 'P1',
    ownerRef: users.alice,
    incidentRef: incident.ref,
  });
}

/** The auth matrix's rows for action items. */
export const actionItemOperations: OperationRow[] = [
  {
    operation: 'GET /action-items',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await createActionItem(setup);
      return { path: `/action-items?ownerRef=${users.alice}&overdue=false` };
    },
  },
  {
    operation: 'POST /action-items',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      return {
        path: '/action-items',
        body: {
          title: 'Add a circuit breaker',
          priority: 'P0',
          ownerRef: 'group:default/payments',
          incidentRef: incident.id,
        },
      };
    },
  },
  {
    operation: 'GET /action-items/{id}',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const item = await createActionItem(setup);
      return { path: `/action-items/${item.id}` };
    },
  },
  {
    operation: 'PATCH /action-items/{id}',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const item = await createActionItem(setup);
      return {
        path: `/action-items/${item.id}`,
        body: { version: item.version, status: 'in_progress' },
      };
    },
  },
  {
    // The test backend's in-memory tracker supports every entity.
    operation: 'POST /action-items/{id}/ticket',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const item = await createActionItem(setup);
      return {
        path: `/action-items/${item.id}/ticket`,
        body: { version: item.version },
      };
    },
  },
];
