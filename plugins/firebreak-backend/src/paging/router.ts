import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express, { Request } from 'express';
import Router from 'express-promise-router';
import { audited } from '../audit';
import { IncidentService } from '../incidents/IncidentService';

/**
 * HTTP for paging an incident's on-call: its pages, acknowledging and escalating.
 *
 * @internal
 */
export function createPagingRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  service: IncidentService;
}): express.Router {
  const { httpAuth, auditor, service } = options;
  const router = Router();
  const credentials = (req: Request) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

  router.get('/incidents/:idOrRef/pages', async (req, res) => {
    const creds = await credentials(req);
    res.json({ items: await service.pages(req.params.idOrRef, creds) });
  });

  router.post('/incidents/:idOrRef/acknowledge', async (req, res) => {
    const creds = await credentials(req);
    res.json(
      await audited(
        auditor,
        req,
        'incident-acknowledge',
        { incident: req.params.idOrRef },
        () => service.acknowledge(req.params.idOrRef, creds),
      ),
    );
  });

  router.post('/incidents/:idOrRef/escalate', async (req, res) => {
    const creds = await credentials(req);
    res.json(
      await audited(
        auditor,
        req,
        'incident-escalate',
        { incident: req.params.idOrRef },
        () => service.escalate(req.params.idOrRef, creds),
      ),
    );
  });

  return router;
}
