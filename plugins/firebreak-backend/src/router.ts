import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { FirebreakSettings } from './config/FirebreakSettings';
import { IncidentService } from './incidents/IncidentService';
import { createIncidentsRouter } from './incidents/router';
import { OnCallService } from './oncall/OnCallService';
import { createOnCallRouter } from './oncall/router';
import { createPagingRouter } from './paging/router';

/** @internal */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  auditor: AuditorService;
  settings: FirebreakSettings;
  incidentService: IncidentService;
  onCallService: OnCallService;
}): express.Router {
  const { httpAuth, settings } = options;
  const router = Router();
  router.use(express.json({ limit: '1mb' }));

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  // What the frontend needs to offer the configured choices.
  router.get('/settings', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    res.json({
      severities: settings.severities,
      priority: settings.priority,
      roles: settings.roles,
    });
  });

  router.use(
    createIncidentsRouter({
      httpAuth,
      auditor: options.auditor,
      service: options.incidentService,
    }),
  );
  router.use(
    createPagingRouter({
      httpAuth,
      auditor: options.auditor,
      service: options.incidentService,
    }),
  );
  router.use(
    createOnCallRouter({
      httpAuth,
      auditor: options.auditor,
      service: options.onCallService,
    }),
  );

  return router;
}
