import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { audited } from '../audit';
import { FirebreakApiRouter } from '../schema/apiRouter';
import {
  callerCredentials,
  nonBlank,
  parse,
  versionNumber,
} from '../schema/apiRequests';
import { httpUrl } from '../schema/httpUrl';
import { IncidentRunbooks } from './IncidentRunbooks';
import { RunbookService } from './RunbookService';

const ref = nonBlank;
const versionParam = z
  .string()
  .regex(/^\d{1,9}$/, 'must be a version number')
  .transform(Number)
  .pipe(z.number().int().min(1, 'must be a version number'));

const step = z
  .object({
    id: nonBlank.max(20).optional(),
    title: nonBlank.max(500),
    body: z.string().max(10_000).optional(),
    url: httpUrl.optional(),
  })
  .strict();

const runbookFields = {
  title: nonBlank.max(200),
  body: z.string().max(50_000).optional(),
  steps: z.array(step).max(100).optional(),
  ownerRef: ref,
  entityRefs: z.array(ref).min(1, 'name at least one entity').max(50),
  severities: z
    .array(z.string().min(1, 'must not be empty'))
    .max(20)
    .optional(),
};
const createRunbook = z.object(runbookFields).strict();
const updateRunbook = z
  .object({ version: versionNumber, ...runbookFields })
  .strict();

const listQuery = z.object({ entityRef: ref, severity: ref.optional() });
const getQuery = z.object({ version: versionParam.optional() });
const versionPath = z.object({ version: versionParam });

const stepBody = z
  .object({
    runbookId: ref,
    version: versionNumber,
    stepId: ref,
    done: z.boolean(),
  })
  .strict();

/**
 * What the runbook routes need.
 *
 * @internal
 */
export interface RunbookRoutesOptions {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  service: RunbookService;
  incidentRunbooks: IncidentRunbooks;
}

/**
 * Adds the runbook routes to the plugin's API router: an entity's runbooks from every source,
 * stored runbooks and their versions, and an incident's runbooks and step ticks.
 *
 * @internal
 */
export function addRunbookRoutes(
  router: FirebreakApiRouter,
  options: RunbookRoutesOptions,
): void {
  const { httpAuth, auditor, service, incidentRunbooks } = options;
  const credentials = callerCredentials(httpAuth);

  router.get('/runbooks', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(listQuery, req.query);
    res.json({ items: await service.listForEntity(query, creds) });
  });

  router.post('/runbooks', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(createRunbook, req.body);
    const runbook = await audited(
      auditor,
      req,
      'runbook-create',
      { title: body.title, ownerRef: body.ownerRef },
      () => service.create(body, creds),
    );
    res.status(201).json(runbook);
  });

  router.get('/runbooks/:id', async (req, res) => {
    const creds = await credentials(req);
    const { version } = parse(getQuery, req.query);
    res.json(await service.get(req.params.id, version, creds));
  });

  router.put('/runbooks/:id', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(updateRunbook, req.body);
    res.json(
      await audited(
        auditor,
        req,
        'runbook-update',
        { runbook: req.params.id, basedOn: body.version },
        () => service.update(req.params.id, body, creds),
      ),
    );
  });

  router.get('/runbooks/:id/versions', async (req, res) => {
    const creds = await credentials(req);
    res.json({ items: await service.versions(req.params.id, creds) });
  });

  router.get('/runbooks/:id/versions/:version', async (req, res) => {
    const creds = await credentials(req);
    const { version } = parse(versionPath, req.params);
    res.json(await service.get(req.params.id, version, creds));
  });

  router.get('/incidents/:idOrRef/runbooks', async (req, res) => {
    const creds = await credentials(req);
    res.json(await incidentRunbooks.list(req.params.idOrRef, creds));
  });

  router.post('/incidents/:idOrRef/runbook-steps', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(stepBody, req.body);
    const event = await audited(
      auditor,
      req,
      'runbook-step',
      {
        incident: req.params.idOrRef,
        runbook: body.runbookId,
        version: body.version,
        step: body.stepId,
        done: body.done,
      },
      () => incidentRunbooks.tick(req.params.idOrRef, body, creds),
    );
    res.status(201).json(event);
  });
}
