import { ResponseError } from '@backstage/errors';
import { EscalationPolicy, Schedule } from '@firebreak/backstage-plugin-common';
import { Settings } from 'luxon';

/** Wednesday 14 January 2026, 13:00 in Berlin: the "now" of on-call tests. */
export const TEST_NOW = new Date('2026-01-14T12:00:00.000Z');

/**
 * Fixes the clock at `now` without faking timers, so waiting for React still works.
 */
export function fixClock(now: Date = TEST_NOW) {
  jest.useFakeTimers({
    now,
    doNotFake: [
      'hrtime',
      'nextTick',
      'performance',
      'queueMicrotask',
      'requestAnimationFrame',
      'cancelAnimationFrame',
      'requestIdleCallback',
      'cancelIdleCallback',
      'setImmediate',
      'clearImmediate',
      'setInterval',
      'clearInterval',
      'setTimeout',
      'clearTimeout',
    ],
  });
}

/**
 * Runs each test of the enclosing `describe` at {@link TEST_NOW}, with the viewer's time zone
 * set to `viewerZone`; both are put back after each test.
 */
export function fixClockAndZoneForEachTest(viewerZone: string) {
  const zone = Settings.defaultZone;
  beforeEach(() => {
    fixClock();
    Settings.defaultZone = viewerZone;
  });
  afterEach(() => {
    Settings.defaultZone = zone;
    jest.useRealTimers();
  });
}

/**
 * A Berlin schedule: Alice and Bob take weekly turns from Mondays 09:00, and Alice's office
 * hours (weekdays 09:00–17:00) win over them; Bob covers Saturday 17 January by override.
 */
export const testSchedule: Schedule = {
  id: 'sched-1',
  name: 'Payments primary',
  ownerRef: 'group:default/payments-team',
  timeZone: 'Europe/Berlin',
  layers: [
    {
      name: 'Weekly rotation',
      participants: ['user:default/alice', 'user:default/bob'],
      rotation: { type: 'weekly', handoff: '2026-01-05T09:00' },
    },
    {
      name: 'Office hours',
      participants: ['user:default/alice'],
      rotation: { type: 'weekly', handoff: '2026-01-05T09:00' },
      restrictions: [
        { daysOfWeek: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      ],
    },
  ],
  overrides: [
    {
      id: 'override-1',
      userRef: 'user:default/bob',
      start: '2026-01-17T08:00:00.000Z',
      end: '2026-01-18T08:00:00.000Z',
      createdBy: 'user:default/alice',
    },
  ],
  version: 4,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-10T00:00:00.000Z',
};

/** A second team's schedule: Bob alone, daily. */
export const otherSchedule: Schedule = {
  id: 'sched-2',
  name: 'Checkout on-call',
  ownerRef: 'group:default/checkout-team',
  timeZone: 'America/New_York',
  layers: [
    {
      name: 'Daily',
      participants: ['user:default/bob'],
      rotation: { type: 'daily', handoff: '2026-01-05T08:00' },
    },
  ],
  overrides: [],
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

/** The payments team's default policy: the schedule, then Bob himself. */
export const testPolicy: EscalationPolicy = {
  id: 'policy-1',
  name: 'Payments default',
  ownerRef: 'group:default/payments-team',
  levels: [
    {
      targets: [{ type: 'schedule', ref: 'sched-1' }],
      ackTimeoutMinutes: 10,
    },
    {
      targets: [{ type: 'user', ref: 'user:default/bob' }],
      ackTimeoutMinutes: 15,
    },
  ],
  repeat: 1,
  isDefault: true,
  version: 7,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-10T00:00:00.000Z',
};

/** What the backend answers with a status and a message, as the client throws it. */
export async function responseError(status: number, message: string) {
  const name =
    { 400: 'InputError', 403: 'NotAllowedError', 409: 'ConflictError' }[
      status
    ] ?? 'Error';
  const body = JSON.stringify({
    error: { name, message },
    request: { method: 'PUT', url: '/api/firebreak/oncall' },
    response: { statusCode: status },
  });
  return ResponseError.fromResponse({
    status,
    statusText: name,
    url: '/api/firebreak/oncall',
    headers: new Map([['content-type', 'application/json']]),
    text: async () => body,
  } as unknown as Parameters<typeof ResponseError.fromResponse>[0]);
}
