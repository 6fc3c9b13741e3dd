import { HttpAuthService } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { IncidentStore } from './IncidentStore';

const listQuerySchema = z.object({
  entityRef: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().min(1).optional(),
});

function parse<T>(schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const field = issue.path.join('.') || 'request';
    throw new InputError(`${field}: ${issue.message}`);
  }
  return result.data;
}

/** @internal */
export function createIncidentsRouter(options: {
  httpAuth: HttpAuthService;
  store: IncidentStore;
}): express.Router {
  const { httpAuth, store } = options;
  const router = Router();

  router.get('/incidents', async (req, res) => {
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const query = parse(listQuerySchema, req.query);
    res.json(await store.listIncidents(query));
  });

  return router;
}
