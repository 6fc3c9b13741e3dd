import fc from 'fast-check';
import { testCatalog, users } from './firebreakTestBackend';
import { FieldHints, Live } from './openApiValues';

/*
 * What the OpenAPI fuzz test fills in by field name where the schema cannot say what is valid:
 * without these, requests would rarely name anything real, and configuration (schedules,
 * escalation policies) would be deleted far more often than created.
 */

const refsOf = (kind: string) =>
  testCatalog
    .filter(e => e.kind === kind)
    .map(e => `${kind.toLowerCase()}:default/${e.metadata.name}`);
const userRefs = [
  ...refsOf('User'),
  'user:alice',
  'User:default/Bob',
  'user:default/ghost',
];
const groupRefs = [...refsOf('Group'), 'group:default/nobody'];
const entityRefs = [
  ...refsOf('Component'),
  ...refsOf('System'),
  'Component:default/Payments-API',
  'component:default/unknown',
];

/**
 * Valid values for the fuzz test's fields whose meaning their schema cannot say, by field name:
 * references into the test catalog, configured ids, live ids and versions, times around `start`
 * (epoch milliseconds).
 */
export function fuzzFieldHints(
  settings: {
    severities: { id: string }[];
    priority: { impacts: { id: string }[]; urgencies: { id: string }[] };
    roles: { id: string }[];
  },
  start: number,
): FieldHints {
  const pick = (values: string[]) => fc.constantFrom(...values);
  const schedule = fc.nat().map(n => new Live('/schedules/{id}:id', n));
  const hhmm = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(
      ([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`,
    );
  const instant = fc
    .integer({ min: start - 7 * 86_400_000, max: start + 30 * 86_400_000 })
    .map(ms => new Date(ms).toISOString());
  // Before any incident the fuzz declares: a detection time that can fall between an impact's
  // start and its declaring, rather than (as a random instant would) almost never.
  const pastInstant = fc
    .integer({ min: start - 7 * 86_400_000, max: start })
    .map(ms => new Date(ms).toISOString());
  // Whom a level pages: a schedule by its id or a person, never one named as the other.
  const target = fc.oneof(
    schedule.map(ref => ({ type: 'schedule', ref })),
    pick([users.alice, users.bob]).map(ref => ({ type: 'user', ref })),
  );
  const level = fc.record({
    targets: fc.array(target, { minLength: 1, maxLength: 3 }),
    ackTimeoutMinutes: fc.integer({ min: 1, max: 60 }),
  });
  const handoff = fc
    .tuple(fc.integer({ min: 1, max: 28 }), hhmm)
    .map(([day, time]) => `2026-05-${String(day).padStart(2, '0')}T${time}`);
  const layer = fc.record(
    {
      name: fc.string({ minLength: 1, maxLength: 20 }),
      participants: fc.array(pick([users.alice, users.bob]), {
        minLength: 1,
        maxLength: 3,
      }),
      rotation: fc.oneof(
        fc.record({ type: pick(['daily', 'weekly']), handoff }),
        fc.record({
          type: fc.constant('hours'),
          hours: fc.integer({ min: 1, max: 48 }),
          handoff,
        }),
      ),
      restrictions: fc.array(
        fc.record(
          {
            daysOfWeek: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), {
              minLength: 1,
              maxLength: 7,
            }),
            start: hhmm,
            end: hhmm,
          },
          { requiredKeys: ['start', 'end'] },
        ),
        { minLength: 1, maxLength: 2 },
      ),
    },
    { requiredKeys: ['name', 'participants', 'rotation'] },
  );
  const hints: Record<string, fc.Arbitrary<unknown>> = {
    entityRef: pick(entityRefs),
    'entityRefs[]': pick(entityRefs),
    ownerRef: pick(groupRefs),
    userRef: pick(userRefs),
    commanderRef: pick(userRefs),
    'participants[]': pick(userRefs),
    'responders[]': pick([...userRefs, ...groupRefs]),
    'subscribers[]': pick([...userRefs, ...groupRefs]),
    'reviewerRefs[]': pick(userRefs),
    '{key}': pick([...settings.roles.map(r => r.id), 'unknownRole']),
    '{value}': pick(userRefs),
    version: fc
      .constantFrom(0, 0, 0, 0, 0, 0, -1, 1, 1000)
      .map(offset => new Live('version', 0, offset)),
    severity: pick(settings.severities.map(s => s.id)),
    'severity[]': pick(settings.severities.map(s => s.id)),
    impact: pick(settings.priority.impacts.map(i => i.id)),
    urgency: pick(settings.priority.urgencies.map(u => u.id)),
    timeZone: pick([
      'UTC',
      'Europe/Berlin',
      'America/New_York',
      'Asia/Kolkata',
    ]),
    handoff,
    // The service takes no empty policy or schedule, and a level's target or a layer's
    // restriction is only valid whole: the schema alone would almost never give one, so
    // configuration would be deleted faster than created and its PATCHes would never succeed.
    levels: fc.array(level, { minLength: 1, maxLength: 3 }),
    layers: fc.array(layer, { minLength: 1, maxLength: 2 }),
    'targets[]': target,
    // `start` and `end` of overrides (instants); restrictions bring their own `HH:mm`.
    start: instant,
    end: instant,
    from: instant,
    to: instant,
    at: instant,
    'daysOfWeek[]': fc.integer({ min: 1, max: 7 }),
    hours: fc.integer({ min: 1, max: 48 }),
    ackTimeoutMinutes: fc.integer({ min: 1, max: 60 }),
    repeat: fc.integer({ min: 0, max: 3 }),
    scheduleId: schedule,
    ref: fc.oneof(schedule, pick(userRefs)),
    cursor: fc.nat().map(n => new Live('cursor', n)),
    'Idempotency-Key': pick(['k1', 'k2', 'retry-1']),
    // Runbooks: configured severities, stored runbooks, and the ids their steps are given.
    'severities[]': pick(settings.severities.map(s => s.id)),
    runbookId: fc.nat().map(n => new Live('/runbooks/{id}:id', n)),
    stepId: pick(['s1', 's2', 's3', 's9']),
    steps: fc.array(
      fc.record(
        {
          title: fc.string({ minLength: 1, maxLength: 40 }),
          body: fc.string({ maxLength: 80 }),
          url: pick([
            'https://grafana.example.com/d/1',
            'http://wiki.example.com/runbook',
            // eslint-disable-next-line no-script-url -- refused with a 400
            'javascript:alert(1)',
          ]),
        },
        { requiredKeys: ['title'] },
      ),
      { maxLength: 4 },
    ),
    // Action items: a live incident by id or ref, and a ticket URL that is sometimes not http.
    incidentRef: fc.nat().map(n => new Live('/incidents/{idOrRef}:idOrRef', n)),
    ownerGroupRef: pick(groupRefs),
    dueAt: instant,
    // Incidents: null clears a detection time (PATCH) and is refused when declaring.
    detectedAt: fc.oneof(
      { weight: 1, arbitrary: fc.constant(null) },
      { weight: 2, arbitrary: pastInstant },
    ),
    ticketUrl: pick([
      'https://tracker.example/ISSUE-1',
      'http://tracker.example/2',
      // eslint-disable-next-line no-script-url -- refused with 400, as it must be
      'javascript:alert(1)',
    ]),
  };
  return field => hints[field];
}
