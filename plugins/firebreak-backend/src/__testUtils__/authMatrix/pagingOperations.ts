import { OperationRow } from './OperationMatrix';

/** The auth matrix's rows for paging an incident's on-call. */
export const pagingOperations: OperationRow[] = [
  {
    operation: 'GET /incidents/{idOrRef}/pages',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const incident = await setup.pagedIncident();
      return { path: `/incidents/${incident.id}/pages` };
    },
  },
  {
    // Alice was paged, so she may acknowledge; the viewer was not and may not change it.
    operation: 'POST /incidents/{idOrRef}/acknowledge',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const incident = await setup.pagedIncident();
      return { path: `/incidents/${incident.id}/acknowledge` };
    },
  },
  {
    operation: 'POST /incidents/{idOrRef}/escalate',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const incident = await setup.pagedIncident();
      return { path: `/incidents/${incident.id}/escalate` };
    },
  },
];
