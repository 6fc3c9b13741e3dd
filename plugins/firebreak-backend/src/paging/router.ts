import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { audited } from '../audit';
import { IncidentService } from '../incidents/IncidentService';
import { callerCredentials } from '../schema/apiRequests';
import { FirebreakApiRouter } from '../schema/apiRouter';
import { EscalationTooSoonError } from './ManualEscalationLimit';

/**
 * Adds the routes that page an incident's on-call to the plugin's API router: its pages,
 * acknowledging and escalating.
 *
 * @internal
 */
export function addPagingRoutes(
  router: FirebreakApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    service: IncidentService;
  },
): void {
  const { httpAuth, auditor, service } = options;
  const credentials = callerCredentials(httpAuth);

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
    try {
      res.json(
        await audited(
          auditor,
          req,
          'incident-escalate',
          { incident: req.params.idOrRef },
          () => service.escalate(req.params.idOrRef, creds),
        ),
      );
    } catch (error) {
      if (error instanceof EscalationTooSoonError) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
  });
}
