import { users } from '../firebreakTestBackend';
import { MatrixSetup } from './MatrixSetup';
import { OperationRow } from './OperationMatrix';

/** An incident with a postmortem alice started (she commands, so she owns it). */
async function startedPostmortem(setup: MatrixSetup) {
  const incident = await setup.declareIncident();
  return setup.send('post', `/incidents/${incident.id}/postmortem`);
}

/** The auth matrix's rows for postmortems. */
export const postmortemOperations: OperationRow[] = [
  {
    operation: 'POST /incidents/{idOrRef}/postmortem',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const incident = await setup.declareIncident();
      return { path: `/incidents/${incident.ref}/postmortem` };
    },
  },
  {
    operation: 'GET /incidents/{idOrRef}/postmortem',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const postmortem = await startedPostmortem(setup);
      return { path: `/incidents/${postmortem.incidentRef}/postmortem` };
    },
  },
  {
    operation: 'GET /postmortems/{id}',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const postmortem = await startedPostmortem(setup);
      return { path: `/postmortems/${postmortem.id}` };
    },
  },
  {
    operation: 'PATCH /postmortems/{id}',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const postmortem = await startedPostmortem(setup);
      return {
        path: `/postmortems/${postmortem.id}`,
        body: { version: postmortem.version, status: 'in_review' },
      };
    },
  },
  {
    // Bob owns it and put it in review, so alice may approve it.
    operation: 'POST /postmortems/{id}/approvals',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const started = await startedPostmortem(setup);
      const inReview = await setup.send('patch', `/postmortems/${started.id}`, {
        version: started.version,
        ownerRef: users.bob,
        status: 'in_review',
      });
      return {
        path: `/postmortems/${started.id}/approvals`,
        body: { version: inReview.version },
      };
    },
  },
  {
    operation: 'POST /postmortems/{id}/incidents',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const postmortem = await startedPostmortem(setup);
      const other = await setup.declareIncident();
      return {
        path: `/postmortems/${postmortem.id}/incidents`,
        body: { incidentRef: other.ref, version: postmortem.version },
      };
    },
  },
  {
    operation: 'DELETE /postmortems/{id}/incidents/{idOrRef}',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const postmortem = await startedPostmortem(setup);
      const other = await setup.declareIncident();
      await setup.send('post', `/postmortems/${postmortem.id}/incidents`, {
        incidentRef: other.id,
        version: postmortem.version,
      });
      return { path: `/postmortems/${postmortem.id}/incidents/${other.ref}` };
    },
  },
  {
    operation: 'GET /postmortems/{id}/export',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const postmortem = await startedPostmortem(setup);
      return { path: `/postmortems/${postmortem.id}/export` };
    },
  },
];
