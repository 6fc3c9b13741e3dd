import { MatrixSetup } from './MatrixSetup';
import { OperationRow } from './OperationMatrix';

const paymentsApi = 'component:default/payments-api';

/** A valid body for a new runbook of the payments team on payments-api. */
function runbookBody(setup: MatrixSetup) {
  return {
    title: setup.unique('Payments failing'),
    body: 'Check the **dashboard** first.',
    ownerRef: 'group:default/payments',
    entityRefs: [paymentsApi],
    steps: [{ title: 'Check the dashboard' }, { title: 'Roll back' }],
  };
}

/** A runbook of the payments team, stored as alice. */
function createRunbook(setup: MatrixSetup) {
  return setup.send('post', '/runbooks', runbookBody(setup));
}

/** The auth matrix's rows for runbooks: stored ones, an entity's, an incident's. */
export const runbookOperations: OperationRow[] = [
  {
    operation: 'GET /runbooks',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await createRunbook(setup);
      return { path: `/runbooks?entityRef=${paymentsApi}` };
    },
  },
  {
    operation: 'POST /runbooks',
    access: 'change',
    permitted: 201,
    prepare: async setup => ({ path: '/runbooks', body: runbookBody(setup) }),
  },
  {
    operation: 'GET /runbooks/{id}',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const runbook = await createRunbook(setup);
      return { path: `/runbooks/${runbook.id}` };
    },
  },
  {
    operation: 'PUT /runbooks/{id}',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const runbook = await createRunbook(setup);
      return {
        path: `/runbooks/${runbook.id}`,
        body: { ...runbookBody(setup), version: runbook.version },
      };
    },
  },
  {
    operation: 'GET /runbooks/{id}/versions',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const runbook = await createRunbook(setup);
      return { path: `/runbooks/${runbook.id}/versions` };
    },
  },
  {
    operation: 'GET /runbooks/{id}/versions/{version}',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const runbook = await createRunbook(setup);
      return { path: `/runbooks/${runbook.id}/versions/1` };
    },
  },
  {
    operation: 'GET /incidents/{idOrRef}/runbooks',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await createRunbook(setup);
      const incident = await setup.declareIncident();
      return { path: `/incidents/${incident.ref}/runbooks` };
    },
  },
  {
    // Ticking a step needs the permission to update the incident.
    operation: 'POST /incidents/{idOrRef}/runbook-steps',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const runbook = await createRunbook(setup);
      const incident = await setup.declareIncident();
      return {
        path: `/incidents/${incident.ref}/runbook-steps`,
        body: {
          runbookId: runbook.id,
          version: runbook.version,
          stepId: runbook.steps[0].id,
          done: true,
        },
      };
    },
  },
];
