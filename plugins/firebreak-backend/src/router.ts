import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import { FirebreakSettings } from './config/FirebreakSettings';
import { IncidentService } from './incidents/IncidentService';
import { addIncidentRoutes, incidentRequestSchemas } from './incidents/router';
import { OnCallService } from './oncall/OnCallService';
import { addOnCallRoutes, onCallRequestSchemas } from './oncall/router';
import { addPagingRoutes } from './paging/router';
import { createOpenApiRouter } from './schema/openapi';
import { explainRejectedRequests } from './schema/requestValidation';

/**
 * The plugin's HTTP API: a router typed by and validated against `src/schema/openapi.yaml`,
 * with the routes of each resource added by that resource's module.
 *
 * @internal
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  settings: FirebreakSettings;
  incidentService: IncidentService;
  onCallService: OnCallService;
}): Promise<express.Router> {
  const { httpAuth, settings } = options;
  const router = await createOpenApiRouter({
    middleware: [express.json({ limit: '1mb' })],
    validatorOptions: {
      validateRequests: {
        coerceTypes: false,
        // Unknown query parameters are ignored, as they were before the spec existed.
        allowUnknownQueryParameters: true,
      },
    },
  });
  const rejections = explainRejectedRequests({
    ...incidentRequestSchemas,
    ...onCallRequestSchemas,
  });
  router.use(rejections.markValidated);

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // What the frontend needs to offer the configured choices.
  router.get('/settings', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
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

  router.use(rejections.explain);
  return router;
}
