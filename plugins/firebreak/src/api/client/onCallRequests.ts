import { FirebreakApi } from '../FirebreakApi';
import { FirebreakHttp, queryOf, segment } from './http';

/** On-call: who is on call, schedules and overrides, escalation policies, calendar feeds. */
export function onCallRequests(http: FirebreakHttp) {
  const calendarFeedUrl = async (path: string, scheduleId?: string) => {
    const token = await http.json<{ path: string }>(path, {
      method: 'POST',
      body: scheduleId ? { scheduleId } : {},
    });
    return `${await http.baseUrl()}${token.path}`;
  };

  return {
    getOnCall: async (entityRef, at) =>
      http.json(`/oncall${queryOf({ entityRef, at })}`),
    getMyShifts: async (range = {}) =>
      http.json(`/oncall/me/shifts${queryOf(range)}`),

    listSchedules: async (filter = {}) =>
      http.json(`/schedules${queryOf(filter)}`),
    getSchedule: async id => http.json(`/schedules/${segment(id)}`),
    createSchedule: async request =>
      http.json('/schedules', { method: 'POST', body: request }),
    updateSchedule: async (id, request) =>
      http.json(`/schedules/${segment(id)}`, {
        method: 'PATCH',
        body: request,
      }),
    deleteSchedule: async id => {
      await http.json(`/schedules/${segment(id)}`, { method: 'DELETE' });
    },
    getScheduleShifts: async (id, from, to) =>
      http.json(`/schedules/${segment(id)}/shifts${queryOf({ from, to })}`),
    addOverride: async (scheduleId, request) =>
      http.json(`/schedules/${segment(scheduleId)}/overrides`, {
        method: 'POST',
        body: request,
      }),
    deleteOverride: async (scheduleId, overrideId) => {
      await http.json(
        `/schedules/${segment(scheduleId)}/overrides/${segment(overrideId)}`,
        { method: 'DELETE' },
      );
    },

    listEscalationPolicies: async (filter = {}) =>
      http.json(`/escalation-policies${queryOf(filter)}`),
    getEscalationPolicy: async idOrName =>
      http.json(`/escalation-policies/${segment(idOrName)}`),
    createEscalationPolicy: async request =>
      http.json('/escalation-policies', { method: 'POST', body: request }),
    updateEscalationPolicy: async (id, request) =>
      http.json(`/escalation-policies/${segment(id)}`, {
        method: 'PATCH',
        body: request,
      }),
    deleteEscalationPolicy: async id => {
      await http.json(`/escalation-policies/${segment(id)}`, {
        method: 'DELETE',
      });
    },

    getCalendarFeedUrl: async scheduleId =>
      calendarFeedUrl('/calendar/tokens', scheduleId),
    rotateCalendarFeedUrl: async scheduleId =>
      calendarFeedUrl('/calendar/tokens/rotate', scheduleId),
  } satisfies Partial<FirebreakApi>;
}
