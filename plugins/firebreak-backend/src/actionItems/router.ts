import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { internal } from '@backstage/backend-openapi-utils';
import {
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_STATUSES,
  ACTION_ITEM_TYPES,
} from '@firebreak/backstage-plugin-common';
import { Request } from 'express';
import { z } from 'zod';
import { commaItems } from '../schema/queryLists';
import { audited } from '../audit';
import { FirebreakApiRouter } from '../schema/apiRouter';
import { httpUrl } from '../schema/httpUrl';
import { instant } from '../schema/instant';
import { EndpointMap } from '../schema/openapi';
import { parse } from '../schema/requestValidation';
import { TicketExportError } from '../tickets/TicketExportError';
import { ActionItemService } from './ActionItemService';
import { ActionItemTickets } from './ActionItemTickets';

const ref = z.string().trim().min(1, 'must not be empty').max(255);
const title = z.string().trim().min(1, 'must not be empty').max(300);
const description = z.string().max(20_000);
const reason = z.string().trim().min(1, 'must not be empty').max(2_000);
const postmortemId = z.string().trim().min(1, 'must not be empty').max(36);
const runbookId = z.string().trim().min(1, 'must not be empty').max(36);

const listQuery = z.object({
  entityRef: ref.optional(),
  ownerRef: ref.optional(),
  incidentRef: ref.optional(),
  postmortemId: postmortemId.optional(),
  runbookId: runbookId.optional(),
  // Every listed status must be one: a blank one is refused, not ignored, as the spec says.
  status: commaItems.pipe(z.array(z.enum(ACTION_ITEM_STATUSES))).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().min(1).optional(),
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
    version: z.number().int().min(1),
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

const ticketBody = z.object({ version: z.number().int().min(1) }).strict();

type AnyRequest = Request<any, any, any, any>;

// TypedRouter types get, post, put and delete; PATCH handlers take their types from here.
type UpdateActionItemHandler = internal.EndpointMapRequestHandler<
  EndpointMap,
  '/action-items/{id}',
  'patch'
>;

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
  const credentials = (req: AnyRequest) =>
    httpAuth.credentials(req, { allow: ['user', 'service'] });

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

  const update: UpdateActionItemHandler = async (req, res) => {
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
    const body = parse(ticketBody, req.body);
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
