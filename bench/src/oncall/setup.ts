import {
  CreateScheduleRequest,
  findOnCall,
  OnCallLevel,
  OnCallResponse,
  ScheduleOverride,
} from '@firebreak/backstage-plugin-common';
import {
  backupTeam,
  benchEntities,
  TEAM_COUNT,
  teamLead,
  teamOverrides,
  teamPolicy,
  teamSchedule,
} from './dataset';
import { LOOK_AHEAD_DAYS } from './onCallQuery';

/**
 * What the bench created through the API, as it sent it, with the ids the API gave back.
 *
 * @internal
 */
export interface CreatedOnCall {
  schedules: Array<
    CreateScheduleRequest & { id: string; overrides: ScheduleOverride[] }
  >;
  policies: Array<{ id: string; name: string; ownerRef: string }>;
  requests: number;
  seconds: number;
}

/**
 * A JSON request to a bench backend that must succeed.
 *
 * @internal
 */
export async function requestJson<T>(
  baseUrl: string,
  headers: Record<string, string>,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      ...headers,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) {
    throw new Error(
      `${method} ${path}: ${response.status} ${await response.text()}`.slice(
        0,
        500,
      ),
    );
  }
  return response.json() as Promise<T>;
}

/**
 * Creates each team's schedule, its overrides and its default policy through the HTTP API,
 * as a team would: schedules first, since a policy names its own and another team's.
 *
 * @internal
 */
export async function createOnCall(
  baseUrl: string,
  headers: Record<string, string>,
  now: Date,
): Promise<CreatedOnCall> {
  const started = Date.now();
  let requests = 0;
  const post = <T>(path: string, body: unknown) => {
    requests += 1;
    return requestJson<T>(
      baseUrl,
      headers,
      'POST',
      `/api/firebreak${path}`,
      body,
    );
  };

  const schedules: CreatedOnCall['schedules'] = [];
  for (let team = 0; team < TEAM_COUNT; team += 1) {
    const request = teamSchedule(team, now);
    const { id } = await post<{ id: string }>('/schedules', request);
    const overrides = teamOverrides(team, now);
    for (const override of overrides) {
      await post(`/schedules/${id}/overrides`, override);
    }
    schedules.push({ ...request, id, overrides });
  }
  const scheduleIds = schedules.map(s => s.id);
  const policies: CreatedOnCall['policies'] = [];
  for (let team = 0; team < TEAM_COUNT; team += 1) {
    const policy = await post<{
      id: string;
      name: string;
      ownerRef: string;
      isDefault: boolean;
    }>('/escalation-policies', teamPolicy(team, scheduleIds));
    if (!policy.isDefault) {
      throw new Error(`${policy.name} is not its team's default policy`);
    }
    policies.push({
      id: policy.id,
      name: policy.name,
      ownerRef: policy.ownerRef,
    });
  }
  return {
    schedules,
    policies,
    requests,
    seconds: (Date.now() - started) / 1000,
  };
}

/**
 * What the API must answer for one entity at `at`, worked out in the bench from the
 * schedules and overrides as the bench sent them, with `findOnCall` from firebreak-common.
 */
function expectedAnswer(
  entity: ReturnType<typeof benchEntities>[number],
  created: CreatedOnCall,
  at: Date,
): OnCallResponse {
  const onCall = (team: number): Pick<OnCallLevel, 'users' | 'next'> => {
    const schedule = created.schedules[team];
    const { current, next } = findOnCall(schedule, at, {
      lookAheadDays: LOOK_AHEAD_DAYS,
    });
    return {
      users: current
        ? [
            {
              userRef: current.userRef,
              until: current.end,
              scheduleId: schedule.id,
            },
          ]
        : [],
      next: next ? [{ ...next, scheduleId: schedule.id }] : [],
    };
  };
  return {
    entityRef: entity.ref,
    policy: created.policies[entity.team],
    policySource: 'owner',
    levels: [
      { level: 1, ...onCall(entity.team) },
      { level: 2, ...onCall(backupTeam(entity.team)) },
      { level: 3, users: [{ userRef: teamLead(entity.team) }], next: [] },
    ],
  };
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/**
 * Checks the API's answer for all entities at `at` against the bench's own math for a
 * sample of entities (teams in every zone, with and without overrides), and that every item
 * answers for the entity asked, in order. Returns how many entities were checked in full.
 *
 * @internal
 */
export function checkAnswer(
  items: OnCallResponse[],
  created: CreatedOnCall,
  at: Date,
): number {
  const entities = benchEntities();
  if (items.length !== entities.length) {
    throw new Error(
      `Asked for ${entities.length} entities, got ${items.length} answers`,
    );
  }
  items.forEach((item, i) => {
    if (item.entityRef !== entities[i].ref || item.levels.length !== 3) {
      throw new Error(
        `Answer ${i} is for ${item.entityRef} with ${item.levels.length} levels; expected ${entities[i].ref} with 3`,
      );
    }
  });
  // One entity of each of the first 20 teams (every zone twice, overrides now and next
  // week included), and a few further down the list.
  const sample = [
    ...Array.from({ length: 20 }, (_, team) => team),
    137,
    444,
    815,
    999,
  ];
  for (const index of sample) {
    const expected = canonical(expectedAnswer(entities[index], created, at));
    const actual = canonical(items[index]);
    if (expected !== actual) {
      throw new Error(
        `Wrong answer for ${
          entities[index].ref
        } at ${at.toISOString()}:\n  API:      ${actual}\n  expected: ${expected}`,
      );
    }
  }
  return sample.length;
}
