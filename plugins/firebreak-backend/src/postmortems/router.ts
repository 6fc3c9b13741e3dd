import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { POSTMORTEM_STATUSES } from '@firebreak/backstage-plugin-common';
import { Request, Response } from 'express';
import { z } from 'zod';
import { audited } from '../audit';
import { FirebreakApiRouter } from '../schema/apiRouter';
import {
  callerCredentials,
  nonBlank,
  parse,
  PatchHandler,
  versionNumber,
  versionOnlyBody,
} from '../schema/apiRequests';
import { PostmortemService } from './PostmortemService';

const ref = nonBlank.max(255);

const section = z
  .object({
    id: z
      .string()
      .trim()
      .regex(
        /^[a-z0-9][a-z0-9-]{0,63}$/,
        'must be lower-case letters, digits and dashes',
      ),
    title: nonBlank.max(200),
    body: z.string().max(100_000),
    whys: z.array(z.string().max(2_000)).max(10).optional(),
  })
  .strict();

const updateBody = z
  .object({
    version: versionNumber,
    status: z.enum(POSTMORTEM_STATUSES).optional(),
    waiverReason: nonBlank.max(2_000).optional(),
    ownerRef: ref.optional(),
    reviewerRefs: z.array(ref).max(20).optional(),
    sections: z
      .array(section)
      .min(1, 'keep at least one section')
      .max(50)
      .optional(),
    starredEventIds: z.array(z.string().min(1).max(64)).max(500).optional(),
  })
  .strict();

const attachBody = z
  .object({ incidentRef: ref, version: versionNumber })
  .strict();

/**
 * Adds the postmortem routes to the plugin's API router: thin handlers that parse, call the
 * service, and audit every change.
 *
 * @internal
 */
export function addPostmortemRoutes(
  router: FirebreakApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    service: PostmortemService;
  },
): void {
  const { httpAuth, auditor, service } = options;
  const credentials = callerCredentials(httpAuth);

  router.post('/incidents/:idOrRef/postmortem', async (req, res) => {
    const creds = await credentials(req);
    const postmortem = await audited(
      auditor,
      req,
      'postmortem-create',
      { incident: req.params.idOrRef },
      () => service.create(req.params.idOrRef, creds),
    );
    res.status(201).json(postmortem);
  });

  router.get('/incidents/:idOrRef/postmortem', async (req, res) => {
    const creds = await credentials(req);
    res.json(await service.getForIncident(req.params.idOrRef, creds));
  });

  // JSON unless the client prefers Markdown: the same document as `/export`, to read in place.
  router.get('/postmortems/:id', async (req, res) => {
    const creds = await credentials(req);
    const plain = req as unknown as Request;
    const markdown =
      plain.accepts(['application/json', 'text/markdown']) === 'text/markdown';
    res.vary('Accept');
    if (markdown) {
      // Read first: a refusal must not go out typed as Markdown.
      const text = await service.exportMarkdown(req.params.id, creds);
      (res as unknown as Response)
        .type('text/markdown; charset=utf-8')
        .send(text);
      return;
    }
    res.json(await service.get(req.params.id, creds));
  });

  const update: PatchHandler<'/postmortems/{id}'> = async (req, res) => {
    const creds = await credentials(req);
    const body = parse(updateBody, req.body);
    const postmortem = await audited(
      auditor,
      req,
      'postmortem-update',
      {
        postmortem: req.params.id,
        fields: Object.keys(body),
        ...(body.status ? { status: body.status } : {}),
      },
      () => service.update(req.params.id, body, creds),
    );
    res.json(postmortem);
  };
  router.patch('/postmortems/:id', update);

  router.post('/postmortems/:id/approvals', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(versionOnlyBody, req.body);
    const { postmortem, created } = await audited(
      auditor,
      req,
      'postmortem-approve',
      { postmortem: req.params.id },
      () => service.approve(req.params.id, body.version, creds),
    );
    res.status(created ? 201 : 200).json(postmortem);
  });

  router.post('/postmortems/:id/incidents', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(attachBody, req.body);
    const postmortem = await audited(
      auditor,
      req,
      'postmortem-attach-incident',
      { postmortem: req.params.id, incident: body.incidentRef },
      () => service.attachIncident(req.params.id, body, creds),
    );
    res.status(201).json(postmortem);
  });

  router.delete('/postmortems/:id/incidents/:idOrRef', async (req, res) => {
    const creds = await credentials(req);
    const postmortem = await audited(
      auditor,
      req,
      'postmortem-detach-incident',
      { postmortem: req.params.id, incident: req.params.idOrRef },
      () => service.detachIncident(req.params.id, req.params.idOrRef, creds),
    );
    res.json(postmortem);
  });

  router.get('/postmortems/:id/export', async (req, res) => {
    const creds = await credentials(req);
    const markdown = await service.exportMarkdown(req.params.id, creds);
    // The typed router knows JSON answers only; this one is Markdown text.
    (res as unknown as Response)
      .type('text/markdown; charset=utf-8')
      .setHeader(
        'Content-Disposition',
        `attachment; filename="postmortem-${req.params.id}.md"`,
      )
      .send(markdown);
  });
}
