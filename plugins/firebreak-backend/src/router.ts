import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { FirebreakSettings } from './config/FirebreakSettings';
import { IncidentService } from './incidents/IncidentService';
import { addIncidentRoutes } from './incidents/router';
import { OnCallService } from './oncall/OnCallService';
import { addOnCallRoutes } from './oncall/router';
import { addCalendarFeedRoutes } from './oncall/calendarRouter';
import { CalendarFeedService } from './oncall/CalendarFeedService';
import { addPagingRoutes } from './paging/router';
import { addRunbookRoutes, RunbookRoutesOptions } from './runbooks/router';
import { addActionItemRoutes } from './actionItems/router';
import { ActionItemFeature } from './actionItems/setUpActionItems';
import { PostmortemService } from './postmortems/PostmortemService';
import { addPostmortemRoutes } from './postmortems/router';
import Router from 'express-promise-router';
import { callerCredentials } from './schema/apiRequests';
import { FirebreakApiRouter } from './schema/apiRouter';
import { spec } from './schema/openapi';
import {
  jsonBodies,
  namedRequestErrors,
  refuseNulCharacters,
} from './schema/requestErrors';

/**
 * The plugin's HTTP API: a router typed by `src/schema/openapi.yaml`, with the routes of each
 * resource added by that resource's module.
 *
 * Requests are validated once, by each handler's zod schema, which names the field at fault.
 * The spec is not checked again at run time: express-openapi-validator, which Backstage's
 * `createOpenApiRouter` runs, compiles the spec's path patterns anew for every request and
 * validated each one a second time, about 7% of the API's CPU on an entity's history. Instead
 * the tests check every exchange against the spec, both ways (`__testUtils__/openApiConformance.ts`).
 *
 * @internal
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  settings: FirebreakSettings;
  incidentService: IncidentService;
  onCallService: OnCallService;
  postmortemService: PostmortemService;
  calendarFeedService: CalendarFeedService;
  runbooks: Omit<RunbookRoutesOptions, 'httpAuth' | 'auditor'>;
  actionItems: ActionItemFeature;
}): Promise<express.Router> {
  const { httpAuth, settings } = options;
  const plain = Router();
  plain.use(jsonBodies({ limit: '1mb' }));
  plain.use(refuseNulCharacters);
  // The spec, as Backstage's OpenAPI routers serve it, relative to where the plugin is mounted.
  plain.get('/openapi.json', (req, res) => {
    res.json({ ...spec, servers: [{ url: req.baseUrl || '/' }] });
  });
  const router = plain as unknown as FirebreakApiRouter;

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // What the frontend needs to offer the configured choices.
  router.get('/settings', async (req, res) => {
    await callerCredentials(httpAuth)(req);
    const { impacts, urgencies, matrix } = settings.priority;
    res.json({
      severities: settings.severities,
      priority: { impacts: [...impacts], urgencies: [...urgencies], matrix },
      roles: settings.roles,
    });
  });

  addIncidentRoutes(router, {
    httpAuth,
    auditor: options.auditor,
    service: options.incidentService,
  });
  addPagingRoutes(router, {
    httpAuth,
    auditor: options.auditor,
    service: options.incidentService,
  });
  addOnCallRoutes(router, {
    httpAuth,
    auditor: options.auditor,
    service: options.onCallService,
  });
  addPostmortemRoutes(router, {
    httpAuth,
    auditor: options.auditor,
    service: options.postmortemService,
  });
  addCalendarFeedRoutes(router, {
    httpAuth,
    auditor: options.auditor,
    service: options.calendarFeedService,
  });
  addRunbookRoutes(router, {
    httpAuth,
    auditor: options.auditor,
    ...options.runbooks,
  });

  addActionItemRoutes(router, {
    httpAuth,
    auditor: options.auditor,
    ...options.actionItems,
  });

  plain.use(namedRequestErrors);
  return router;
}
