import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import { INCIDENT_STATUSES } from '@firebreak/backstage-plugin-common';
import { z } from 'zod';
import { commaItems, commaList } from '../schema/queryLists';
import { audited } from '../audit';
import { FirebreakApiRouter } from '../schema/apiRouter';
import {
  callerCredentials,
  nonBlank,
  pageQuery,
  parse,
  PatchHandler,
  versionNumber,
} from '../schema/apiRequests';
import { instant } from '../schema/instant';
import { IncidentService } from './IncidentService';

const entityRef = nonBlank;

const listQuery = z.object({
  entityRef: entityRef.optional(),
  // Every listed status must be one: a blank one is refused, not ignored, as the spec says.
  status: commaItems.pipe(z.array(z.enum(INCIDENT_STATUSES))).optional(),
  severity: commaList.optional(),
  q: z.string().trim().max(200).optional(),
  from: instant.optional(),
  to: instant.optional(),
  ...pageQuery(25),
});

const declareBody = z.object({
  title: nonBlank.max(300),
  summary: z.string().max(10_000).optional(),
  severity: z.string().min(1),
  entityRefs: z
    .array(entityRef)
    .min(1, 'name at least one impacted entity')
    .max(50),
  impact: z.string().min(1).optional(),
  urgency: z.string().min(1).optional(),
  startedAt: instant.optional(),
  detectedAt: instant.optional(),
  commanderRef: entityRef.optional(),
});

const updateBody = z
  .object({
    version: versionNumber,
    title: nonBlank.max(300).optional(),
    summary: z.string().max(10_000).nullable().optional(),
    severity: z.string().min(1).optional(),
    status: z.enum(INCIDENT_STATUSES).optional(),
    impact: z.string().min(1).optional(),
    urgency: z.string().min(1).optional(),
    entityRefs: z
      .array(entityRef)
      .min(1, 'name at least one impacted entity')
      .max(50)
      .optional(),
    roles: z.record(z.string(), entityRef.nullable()).optional(),
    responders: z.array(entityRef).max(200).optional(),
    subscribers: z.array(entityRef).max(500).optional(),
    startedAt: instant.optional(),
    detectedAt: instant.nullable().optional(),
  })
  .strict();

const timelineBody = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('note'),
    text: nonBlank.max(10_000),
    tag: z.enum(['observation', 'theory', 'experiment', 'decision']).optional(),
    pinned: z.boolean().optional(),
  }),
  z.object({
    type: z.literal('status_update'),
    text: nonBlank.max(10_000),
    audience: z.enum(['internal', 'external']),
    nextUpdateAt: instant.optional(),
  }),
]);

/**
 * Adds the incident routes to the plugin's API router. Each handler parses its request with
 * the schemas above, which name the field at fault, trim text and check what the spec cannot
 * say, such as a blank title.
 *
 * @internal
 */
export function addIncidentRoutes(
  router: FirebreakApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    service: IncidentService;
  },
): void {
  const { httpAuth, auditor, service } = options;
  const credentials = callerCredentials(httpAuth);

  router.get('/incidents', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(listQuery, req.query);
    res.json(
      await service.list(
        {
          entityRef: query.entityRef,
          statuses: query.status,
          severities: query.severity,
          q: query.q,
          from: query.from,
          to: query.to,
          limit: query.limit,
          cursor: query.cursor,
        },
        creds,
      ),
    );
  });

  router.post('/incidents', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(declareBody, req.body);
    const idempotencyKey = req.header('idempotency-key')?.trim();
    if (
      idempotencyKey !== undefined &&
      (idempotencyKey.length === 0 || idempotencyKey.length > 255)
    ) {
      throw new InputError('Idempotency-Key: must be 1 to 255 characters');
    }
    const { incident, created } = await audited(
      auditor,
      req,
      'incident-declare',
      {
        title: body.title,
        severity: body.severity,
        entityRefs: body.entityRefs,
      },
      () => service.declare(body, creds, { idempotencyKey }),
    );
    res.status(created ? 201 : 200).json(incident);
  });

  router.get('/incidents/:idOrRef', async (req, res) => {
    const creds = await credentials(req);
    res.json(await service.get(req.params.idOrRef, creds));
  });

  const updateIncident: PatchHandler<'/incidents/{idOrRef}'> = async (
    req,
    res,
  ) => {
    const creds = await credentials(req);
    const body = parse(updateBody, req.body);
    const incident = await audited(
      auditor,
      req,
      'incident-update',
      { incident: req.params.idOrRef, fields: Object.keys(body) },
      () => service.update(req.params.idOrRef, body, creds),
    );
    res.json(incident);
  };
  router.patch('/incidents/:idOrRef', updateIncident);

  router.post('/incidents/:idOrRef/responders', async (req, res) => {
    const creds = await credentials(req);
    const { incident, joined } = await audited(
      auditor,
      req,
      'incident-join',
      { incident: req.params.idOrRef },
      () => service.join(req.params.idOrRef, creds),
    );
    res.status(joined ? 201 : 200).json(incident);
  });

  router.delete('/incidents/:idOrRef/responders/me', async (req, res) => {
    const creds = await credentials(req);
    const incident = await audited(
      auditor,
      req,
      'incident-leave',
      { incident: req.params.idOrRef },
      () => service.leave(req.params.idOrRef, creds),
    );
    res.json(incident);
  });

  router.get('/incidents/:idOrRef/timeline', async (req, res) => {
    const creds = await credentials(req);
    res.json({ items: await service.timeline(req.params.idOrRef, creds) });
  });

  router.post('/incidents/:idOrRef/timeline', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(timelineBody, req.body);
    const event = await audited(
      auditor,
      req,
      'incident-timeline-post',
      { incident: req.params.idOrRef, type: body.type },
      () => service.postToTimeline(req.params.idOrRef, body, creds),
    );
    res.status(201).json(event);
  });
}
