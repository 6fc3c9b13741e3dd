import { HttpAuthService } from '@backstage/backend-plugin-api';
import express from 'express';
import Router from 'express-promise-router';
import { createIncidentsRouter } from './incidents/router';
import { IncidentStore } from './incidents/IncidentStore';

/** @internal */
export function createRouter(options: {
  httpAuth: HttpAuthService;
  incidentStore: IncidentStore;
}): express.Router {
  const router = Router();
  router.use(express.json());

  router.get('/health', (_req, res) => {
    res.json({ status: 'ok' });
  });

  router.use(
    createIncidentsRouter({
      httpAuth: options.httpAuth,
      store: options.incidentStore,
    }),
  );

  return router;
}
