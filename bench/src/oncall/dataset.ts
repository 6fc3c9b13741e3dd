import {
  CreateScheduleRequest,
  ScheduleLayer,
} from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';
import { Entity } from '@backstage/catalog-model';

/**
 * The on-call world of the bench: 50 teams of 6 people and a lead, each with a 3-layer
 * schedule in its own time zone and a default escalation policy of 3 levels, and 1,000
 * catalog entities spread evenly over the teams. Everything here is a pure function of the
 * team index (and, for overrides and partner-office hours, of the moment the bench runs).
 */

/** @internal */
export const TEAM_COUNT = 50;
/** @internal */
export const ENTITY_COUNT = 1000;
/** People taking shifts in each team (plus its lead, who is level 3 of the policy). */
export const PEOPLE_PER_TEAM = 6;

/**
 * The user the bench signs in as: a member of every team, so the override endpoints (which
 * only a schedule's team may use under the example policy) accept its calls.
 */
export const BENCH_USER_REF = 'user:default/bench-user';

/**
 * Time zones of the teams, in turn: zones with DST in both hemispheres, a +05:30 zone, a
 * +05:45 zone, a +09:30 zone that also has DST, and zones without DST.
 *
 * @internal
 */
export const TEAM_ZONES = [
  'Europe/Berlin',
  'America/New_York',
  'Asia/Kolkata',
  'Australia/Adelaide',
  'UTC',
  'America/Los_Angeles',
  'Asia/Kathmandu',
  'Europe/London',
  'Asia/Tokyo',
  'America/Sao_Paulo',
];

/**
 * The office whose business hours each team's third layer covers, in turn; its hours are
 * written in the schedule's zone, so they fall at odd times there and may cross midnight.
 */
const PARTNER_ZONES = [
  'Asia/Kolkata',
  'Europe/Berlin',
  'America/New_York',
  'Asia/Tokyo',
  'Asia/Singapore',
  'Europe/Dublin',
  'America/Chicago',
  'Australia/Sydney',
  'Europe/Paris',
  'Asia/Kathmandu',
];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** @internal */
export function teamName(team: number) {
  return `team-${pad(team + 1)}`;
}

/** @internal */
export function teamRef(team: number) {
  return `group:default/${teamName(team)}`;
}

/** The people of a team who take shifts. @internal */
export function teamPeople(team: number): string[] {
  return Array.from(
    { length: PEOPLE_PER_TEAM },
    (_, p) => `user:default/${teamName(team)}-person-${p + 1}`,
  );
}

/** The team's lead: level 3 of its policy. @internal */
export function teamLead(team: number) {
  return `user:default/${teamName(team)}-lead`;
}

/** The team whose schedule is level 2 of a team's policy. @internal */
export function backupTeam(team: number) {
  return (team + 1) % TEAM_COUNT;
}

/**
 * One catalog entity Firebreak is asked about.
 *
 * @internal
 */
export interface OnCallBenchEntity {
  kind: 'Component' | 'API' | 'Resource';
  name: string;
  ref: string;
  team: number;
}

/** 1,000 entities (80% components, 12% APIs, 8% resources), 20 per team. @internal */
export function benchEntities(count = ENTITY_COUNT): OnCallBenchEntity[] {
  return Array.from({ length: count }, (_, index) => {
    const number = pad(index + 1, 4);
    const team = index % TEAM_COUNT;
    if (index < count * 0.8) {
      return {
        kind: 'Component',
        name: `service-${number}`,
        ref: `component:default/service-${number}`,
        team,
      };
    }
    if (index < count * 0.92) {
      return {
        kind: 'API',
        name: `api-${number}`,
        ref: `api:default/api-${number}`,
        team,
      };
    }
    return {
      kind: 'Resource',
      name: `database-${number}`,
      ref: `resource:default/database-${number}`,
      team,
    };
  });
}

/** The people in rotation order, starting at `first`. */
function rotate(people: string[], first: number, count: number) {
  return Array.from(
    { length: count },
    (_, i) => people[(first + i) % people.length],
  );
}

/**
 * 09:00–17:00 in the partner office's zone, as a window in the schedule's zone on the day
 * the bench runs (DST may move it by an hour later in the year; that is what a team that
 * wrote these hours would see too).
 */
function partnerHours(timeZone: string, partnerZone: string, now: Date) {
  const day = DateTime.fromJSDate(now, { zone: partnerZone }).startOf('day');
  const inSchedule = (hour: number) =>
    day.set({ hour }).setZone(timeZone).toFormat('HH:mm');
  return { start: inSchedule(9), end: inSchedule(17) };
}

/**
 * A team's schedule: a weekly rotation as the base; on weekends a 12-hour split above it;
 * and on weekdays, above both, a daily rotation covering a partner office's business hours.
 *
 * @internal
 */
export function teamSchedule(team: number, now: Date): CreateScheduleRequest {
  const timeZone = TEAM_ZONES[team % TEAM_ZONES.length];
  const partnerZone = PARTNER_ZONES[team % PARTNER_ZONES.length];
  const people = teamPeople(team);
  const layers: ScheduleLayer[] = [
    {
      name: 'Weekly primary',
      participants: rotate(people, team, 4),
      // Mondays, at 09:00, 10:00 or 11:00 local depending on the team.
      rotation: {
        type: 'weekly',
        handoff: `2026-01-05T${pad(9 + (team % 3))}:00`,
      },
    },
    {
      name: 'Weekend 12-hour split',
      participants: rotate(people, team + 2, 3),
      rotation: { type: 'hours', hours: 12, handoff: '2026-01-03T08:00' },
      restrictions: [{ daysOfWeek: [6, 7], start: '08:00', end: '08:00' }],
    },
    {
      name: `${partnerZone} business hours`,
      participants: rotate(people, team + 4, 2 + (team % 3)),
      rotation: { type: 'daily', handoff: '2026-01-05T00:00' },
      restrictions: [
        {
          daysOfWeek: [1, 2, 3, 4, 5],
          ...partnerHours(timeZone, partnerZone, now),
        },
      ],
    },
  ];
  return {
    name: `${teamName(team)} on-call`,
    ownerRef: teamRef(team),
    timeZone,
    layers,
  };
}

/**
 * Overrides of a team's schedule, relative to now: every fifth team has someone covering
 * right now, every seventh a night next week; none for the others.
 *
 * @internal
 */
export function teamOverrides(
  team: number,
  now: Date,
): Array<{ userRef: string; start: string; end: string }> {
  const people = teamPeople(team);
  const hour = 3_600_000;
  const overrides = [];
  if (team % 5 === 0) {
    overrides.push({
      userRef: people[5],
      start: new Date(now.getTime() - 2 * hour).toISOString(),
      end: new Date(now.getTime() + 4 * hour).toISOString(),
    });
  }
  if (team % 7 === 0) {
    const start = DateTime.fromJSDate(now, { zone: 'utc' })
      .plus({ days: 7 })
      .set({ hour: 18, minute: 0, second: 0, millisecond: 0 });
    overrides.push({
      userRef: people[0],
      start: start.toISO()!,
      end: start.plus({ hours: 12 }).toISO()!,
    });
  }
  return overrides;
}

/**
 * A team's default policy: its own schedule, then the next team's schedule, then its lead.
 * Level 1 times out after one minute (the least allowed), so the escalation run can watch
 * level 2 being paged; on-call answers do not depend on timeouts.
 *
 * @internal
 */
export function teamPolicy(team: number, scheduleIds: string[]) {
  return {
    name: `${teamName(team)} default`,
    ownerRef: teamRef(team),
    levels: [
      {
        targets: [{ type: 'schedule' as const, ref: scheduleIds[team] }],
        ackTimeoutMinutes: 1,
      },
      {
        targets: [
          { type: 'schedule' as const, ref: scheduleIds[backupTeam(team)] },
        ],
        ackTimeoutMinutes: 30,
      },
      {
        targets: [{ type: 'user' as const, ref: teamLead(team) }],
        ackTimeoutMinutes: 30,
      },
    ],
  };
}

function user(ref: string, teams: number[]): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: ref.split('/')[1], namespace: 'default' },
    spec: { memberOf: teams.map(teamName) },
    relations: teams.map(team => ({
      type: 'memberOf',
      targetRef: teamRef(team),
    })),
  };
}

/**
 * What the mocked catalog knows: the teams, their people and leads (members of their team),
 * the bench user (a member of every team) and the entities, each owned by its team.
 *
 * @internal
 */
export function benchCatalog(): Entity[] {
  const teams = Array.from({ length: TEAM_COUNT }, (_, team) => team);
  return [
    ...teams.map(team => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: teamName(team), namespace: 'default' },
      spec: { type: 'team', children: [] },
    })),
    ...teams.flatMap(team =>
      [...teamPeople(team), teamLead(team)].map(ref => user(ref, [team])),
    ),
    user(BENCH_USER_REF, teams),
    ...benchEntities().map(entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: entity.kind,
      metadata: { name: entity.name, namespace: 'default' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: teamRef(entity.team),
      },
      relations: [{ type: 'ownedBy', targetRef: teamRef(entity.team) }],
    })),
  ];
}
