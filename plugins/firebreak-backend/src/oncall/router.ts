import { AuditorService, HttpAuthService } from '@backstage/backend-plugin-api';
import { z } from 'zod';
import { audited } from '../audit';
import { FirebreakApiRouter } from '../schema/apiRouter';
import {
  callerCredentials,
  nonBlank,
  parse,
  PatchHandler,
  versionNumber,
} from '../schema/apiRequests';
import { instant } from '../schema/instant';
import { OnCallService } from './OnCallService';

const ref = nonBlank;
const name = nonBlank.max(200);

const layer = z.object({
  name,
  participants: z.array(ref).max(100),
  rotation: z.object({
    type: z.enum(['daily', 'weekly', 'hours']),
    hours: z.number().optional(),
    handoff: z.string(),
  }),
  restrictions: z
    .array(
      z.object({
        daysOfWeek: z.array(z.number()).optional(),
        start: z.string(),
        end: z.string(),
      }),
    )
    .max(20)
    .optional(),
});

const createSchedule = z.object({
  name,
  ownerRef: ref,
  timeZone: z.string().min(1, 'must not be empty'),
  layers: z.array(layer).max(10),
});

const updateSchedule = z
  .object({
    version: versionNumber,
    name: name.optional(),
    ownerRef: ref.optional(),
    timeZone: z.string().min(1, 'must not be empty').optional(),
    layers: z.array(layer).max(10).optional(),
  })
  .strict();

const override = z.object({
  userRef: ref,
  start: instant,
  end: instant,
});

const level = z.object({
  targets: z
    .array(z.object({ type: z.enum(['schedule', 'user']), ref }))
    .max(20),
  ackTimeoutMinutes: z.number(),
});

const createPolicy = z.object({
  name,
  ownerRef: ref,
  levels: z.array(level),
  repeat: z.number().optional(),
  isDefault: z.boolean().optional(),
});

const updatePolicy = z
  .object({
    version: versionNumber,
    name: name.optional(),
    ownerRef: ref.optional(),
    levels: z.array(level).optional(),
    repeat: z.number().optional(),
    isDefault: z.boolean().optional(),
  })
  .strict();

const range = z.object({
  from: instant.optional(),
  to: instant.optional(),
});

const ownerFilter = z.object({ ownerRef: ref.optional() });

const onCallQuery = z.object({ entityRef: ref, at: instant.optional() });
const onCallBatch = z.object({
  entityRefs: z.array(ref).min(1, 'name at least one entity').max(2000),
  at: instant.optional(),
});

/**
 * Adds the on-call routes to the plugin's API router: schedules and overrides, escalation
 * policies, who is on call and shifts.
 *
 * @internal
 */
export function addOnCallRoutes(
  router: FirebreakApiRouter,
  options: {
    httpAuth: HttpAuthService;
    auditor: AuditorService;
    service: OnCallService;
  },
): void {
  const { httpAuth, auditor, service } = options;
  const credentials = callerCredentials(httpAuth);

  router.get('/schedules', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(ownerFilter, req.query);
    res.json({ items: await service.listSchedules(query, creds) });
  });

  router.post('/schedules', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(createSchedule, req.body);
    const schedule = await audited(
      auditor,
      req,
      'schedule-create',
      { name: body.name, ownerRef: body.ownerRef },
      () => service.createSchedule(body, creds),
    );
    res.status(201).json(schedule);
  });

  router.get('/schedules/:id', async (req, res) => {
    const creds = await credentials(req);
    res.json(await service.getSchedule(req.params.id, creds));
  });

  const updateScheduleHandler: PatchHandler<'/schedules/{id}'> = async (
    req,
    res,
  ) => {
    const creds = await credentials(req);
    const body = parse(updateSchedule, req.body);
    res.json(
      await audited(
        auditor,
        req,
        'schedule-update',
        { schedule: req.params.id, fields: Object.keys(body) },
        () => service.updateSchedule(req.params.id, body, creds),
      ),
    );
  };
  router.patch('/schedules/:id', updateScheduleHandler);

  router.delete('/schedules/:id', async (req, res) => {
    const creds = await credentials(req);
    await audited(
      auditor,
      req,
      'schedule-delete',
      { schedule: req.params.id },
      () => service.deleteSchedule(req.params.id, creds),
    );
    res.status(204).end();
  });

  router.get('/schedules/:id/shifts', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(range, req.query);
    res.json(await service.scheduleShifts(req.params.id, query, creds));
  });

  router.post('/schedules/:id/overrides', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(override, req.body);
    const created = await audited(
      auditor,
      req,
      'schedule-override-create',
      { schedule: req.params.id, userRef: body.userRef },
      () => service.addOverride(req.params.id, body, creds),
    );
    res.status(201).json(created);
  });

  router.delete('/schedules/:id/overrides/:overrideId', async (req, res) => {
    const creds = await credentials(req);
    await audited(
      auditor,
      req,
      'schedule-override-delete',
      { schedule: req.params.id, override: req.params.overrideId },
      () => service.deleteOverride(req.params.id, req.params.overrideId, creds),
    );
    res.status(204).end();
  });

  router.get('/escalation-policies', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(ownerFilter, req.query);
    res.json({ items: await service.listPolicies(query, creds) });
  });

  router.post('/escalation-policies', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(createPolicy, req.body);
    const policy = await audited(
      auditor,
      req,
      'escalation-policy-create',
      { name: body.name, ownerRef: body.ownerRef },
      () => service.createPolicy(body, creds),
    );
    res.status(201).json(policy);
  });

  router.get('/escalation-policies/:id', async (req, res) => {
    const creds = await credentials(req);
    res.json(await service.getPolicy(req.params.id, creds));
  });

  const updatePolicyHandler: PatchHandler<'/escalation-policies/{id}'> = async (
    req,
    res,
  ) => {
    const creds = await credentials(req);
    const body = parse(updatePolicy, req.body);
    res.json(
      await audited(
        auditor,
        req,
        'escalation-policy-update',
        { policy: req.params.id, fields: Object.keys(body) },
        () => service.updatePolicy(req.params.id, body, creds),
      ),
    );
  };
  router.patch('/escalation-policies/:id', updatePolicyHandler);

  router.delete('/escalation-policies/:id', async (req, res) => {
    const creds = await credentials(req);
    await audited(
      auditor,
      req,
      'escalation-policy-delete',
      { policy: req.params.id },
      () => service.deletePolicy(req.params.id, creds),
    );
    res.status(204).end();
  });

  router.get('/oncall', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(onCallQuery, req.query);
    const [answer] = await service.onCall([query.entityRef], query.at, creds);
    res.json(answer);
  });

  // Many entities at once, for boards: a body holds more refs than a URL.
  router.post('/oncall/query', async (req, res) => {
    const creds = await credentials(req);
    const body = parse(onCallBatch, req.body);
    res.json({
      items: await service.onCall(
        body.entityRefs,
        body.at,
        creds,
        'entityRefs',
      ),
    });
  });

  router.get('/oncall/me/shifts', async (req, res) => {
    const creds = await credentials(req);
    const query = parse(range, req.query);
    res.json({ items: await service.myShifts(query, creds) });
  });
}
