import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
} from '@firebreak/backstage-plugin-common';
import { z } from 'zod';
import { commaItems } from '../schema/queryLists';
import { audited } from '../audit';
import { FirebreakApiRouter } from '../schema/apiRouter';
import {
  callerCredentials,
  nonBlank,
  pageQuery,
  parse,
  PatchHandler,
  versionNumber,
  versionOnlyBody,
} from '../schema/apiRequests';
import { httpUrl } from '../schema/httpUrl';
import { instant } from '../schema/instant';
import { TicketExportError } from '../tickets/TicketExportError';
import { ActionItemService } from './ActionItemService';
import { ActionItemTickets } from './ActionItemTickets';

const ref = nonBlank.max(255);
const title = nonBlank.max(300);
const description = z.string().max(20_000);
const reason = nonBlank.max(2_000);
const postmortemId = nonBlank.max(36);
const runbookId = nonBlank.max(36);

const listQuery = z.object({
  entityRef: ref.optional(),
  ownerRef: ref.optional(),
  incidentRef: ref.optional(),
  postmortemId: postmortemId.optional(),
  runbookId: runbookId.optional(),
  // Every listed status must be one: a blank one is refused, not ignored, as the spec says.
  status: commaItems.pipe(z.array(z.enum(ACTION_ITEM_STATUSES))).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  ...pageQuery(50),
});

const createBody = z
  .object({
    title,
    description: description.optional(),
    type: z.enum(ACTION_ITEM_TYPES).optional(),
    priority: z.enum(ACTION_ITEM_PRIORITIES),
    ownerRef: ref,
    ownerGroupRef: ref.optional(),
    entityRef: ref.optional(),
    incidentRef: ref,
    postmortemId: postmortemId.optional(),
    runbookId: runbookId.optional(),
    dueAt: instant.optional(),
    ticketUrl: httpUrl.optional(),
  })
  .strict();

const updateBody = z
  .object({
    version: versionNumber,
    title: title.optional(),
    description: description.optional(),
    type: z.enum(ACTION_ITEM_TYPES).optional(),
    priority: z.enum(ACTION_ITEM_PRIORITIES).optional(),
    status: z.enum(ACTION_ITEM_STATUSES).optional(),
    wontDoReason: reason.optional(),
    ownerRef: ref.optional(),
    ownerGroupRef: ref.nullable().optional(),
    entityRef: ref.optional(),
    postmortemId: postmortemId.nullable().optional(),
    runbookId: runbookId.nullable().optional(),
    dueAt: instant.nullable().optional(),
    ticketUrl: httpUrl.nullable().optional(),
  })
  .strict();

/**
 * Adds the action item routes to the plugin's API router.
 *
 * @internal
 */
export function addActionItemRoutes(
  router: FirebreakApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    service: ActionItemService;
    tickets: ActionItemTickets;
  },
): void {
  const { httpAuth, auditor, service, tickets } = options;
  const credentials = callerCredentials(httpAuth);

  router.get('/action-items', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(listQuery, req.query);
    res.json(
      await service.list(
        {
          entityRef: query.entityRef,
          ownerRef: query.ownerRef,
          incident: query.incidentRef,
          postmortemId: query.postmortemId,
          runbookId: query.runbookId,
          statuses: query.status,
          overdue: query.overdue === 'true',
          limit: query.limit,
          cursor: query.cursor,
        },
        creds,
      ),
    );
  });

  router.post('/action-items', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(createBody, req.body);
    const item = await audited(
      auditor,
      req,
      'action-item-create',
      {
        incident: body.incidentRef,
        ownerRef: body.ownerRef,
        priority: body.priority,
        ...(body.runbookId ? { runbookId: body.runbookId } : {}),
      },
      () => service.create(body, creds),
    );
    res.status(201).json(item);
  });

  router.get('/action-items/:id', async (req, res) => {
    const creds = await credentials(req);
    res.json(await service.get(req.params.id, creds));
  });

  const update: PatchHandler<'/action-items/{id}'> = async (req, res) => {
    const creds = await credentials(req);
    const body = parse(updateBody, req.body);
    const item = await audited(
      auditor,
      req,
      'action-item-update',
      { actionItem: req.params.id, fields: Object.keys(body) },
      () => service.update(req.params.id, body, creds),
    );
    res.json(item);
  };
  router.patch('/action-items/:id', update);

  router.post('/action-items/:id/ticket', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(versionOnlyBody, req.body);
    try {
      const item = await audited(
        auditor,
        req,
        'action-item-ticket-create',
        { actionItem: req.params.id },
        () => tickets.create(req.params.id, body.version, creds),
      );
      res.status(201).json(item);
    } catch (error) {
      if (
        error instanceof TicketExportError &&
        error.retryAfterSeconds !== undefined
      ) {
        res.setHeader('Retry-After', String(error.retryAfterSeconds));
      }
      throw error;
    }
  });
}
