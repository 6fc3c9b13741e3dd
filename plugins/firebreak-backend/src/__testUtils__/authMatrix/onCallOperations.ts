import { OperationRow } from './OperationMatrix';

const paymentsApi = 'component:default/payments-api';
const week = 'from=2026-06-03T00:00:00Z&to=2026-06-10T00:00:00Z';

/**
 * The auth matrix's rows for schedules, overrides, escalation policies, who is on call and
 * calendar feeds.
 */
export const onCallOperations: OperationRow[] = [
  {
    operation: 'GET /schedules',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await setup.createSchedule();
      return { path: '/schedules?ownerRef=group:default/payments' };
    },
  },
  {
    operation: 'POST /schedules',
    access: 'change',
    permitted: 201,
    prepare: async setup => ({
      path: '/schedules',
      body: setup.scheduleBody(),
    }),
  },
  {
    operation: 'GET /schedules/{id}',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      return { path: `/schedules/${schedule.id}` };
    },
  },
  {
    operation: 'PATCH /schedules/{id}',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      return {
        path: `/schedules/${schedule.id}`,
        body: { version: schedule.version, timeZone: 'America/New_York' },
      };
    },
  },
  {
    operation: 'DELETE /schedules/{id}',
    access: 'change',
    permitted: 204,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      return { path: `/schedules/${schedule.id}` };
    },
  },
  {
    operation: 'GET /schedules/{id}/shifts',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      return { path: `/schedules/${schedule.id}/shifts?${week}` };
    },
  },
  {
    operation: 'POST /schedules/{id}/overrides',
    access: 'change',
    permitted: 201,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      return {
        path: `/schedules/${schedule.id}/overrides`,
        body: setup.overrideBody(),
      };
    },
  },
  {
    operation: 'DELETE /schedules/{id}/overrides/{overrideId}',
    access: 'change',
    permitted: 204,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      const override = await setup.send(
        'post',
        `/schedules/${schedule.id}/overrides`,
        setup.overrideBody(),
      );
      return { path: `/schedules/${schedule.id}/overrides/${override.id}` };
    },
  },
  {
    operation: 'GET /escalation-policies',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await setup.createPolicy();
      return { path: '/escalation-policies?ownerRef=group:default/payments' };
    },
  },
  {
    operation: 'POST /escalation-policies',
    access: 'change',
    permitted: 201,
    prepare: async setup => ({
      path: '/escalation-policies',
      body: setup.policyBody(),
    }),
  },
  {
    operation: 'GET /escalation-policies/{id}',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const policy = await setup.createPolicy();
      return { path: `/escalation-policies/${policy.id}` };
    },
  },
  {
    operation: 'PATCH /escalation-policies/{id}',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const policy = await setup.createPolicy();
      return {
        path: `/escalation-policies/${policy.id}`,
        body: { version: policy.version, repeat: 2 },
      };
    },
  },
  {
    operation: 'DELETE /escalation-policies/{id}',
    access: 'change',
    permitted: 204,
    prepare: async setup => {
      const policy = await setup.createPolicy();
      return { path: `/escalation-policies/${policy.id}` };
    },
  },
  {
    operation: 'GET /oncall',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await setup.createPolicy();
      return { path: `/oncall?entityRef=${paymentsApi}` };
    },
  },
  {
    // A read sent as POST: a board's many refs do not fit in a URL.
    operation: 'POST /oncall/query',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await setup.createPolicy();
      return { path: '/oncall/query', body: { entityRefs: [paymentsApi] } };
    },
  },
  {
    operation: 'GET /oncall/me/shifts',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      await setup.createSchedule();
      return { path: `/oncall/me/shifts?${week}` };
    },
  },
  {
    // Whoever may read on-call may have a feed of it.
    operation: 'POST /calendar/tokens',
    access: 'read',
    permitted: 200,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      return { path: '/calendar/tokens', body: { scheduleId: schedule.id } };
    },
  },
  {
    // A schedule's feed is its owners' to rotate: the read-only viewer may not.
    operation: 'POST /calendar/tokens/rotate',
    access: 'change',
    permitted: 200,
    prepare: async setup => {
      const schedule = await setup.createSchedule();
      await setup.send('post', '/calendar/tokens', { scheduleId: schedule.id });
      return {
        path: '/calendar/tokens/rotate',
        body: { scheduleId: schedule.id },
      };
    },
  },
  {
    // The feed's token is the credential: calendar apps cannot sign in.
    operation: 'GET /calendar/{file}',
    access: 'public',
    permitted: 200,
    prepare: async setup => {
      const { path } = await setup.send('post', '/calendar/tokens', {});
      return { path };
    },
    wrongCredential: ({ path }) => ({
      // The same token with its first character changed.
      path: path.replace(/\/calendar\/(.)/, (_, first: string) =>
        first === 'A' ? '/calendar/B' : '/calendar/A',
      ),
    }),
  },
];
