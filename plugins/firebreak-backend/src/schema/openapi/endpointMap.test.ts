import type { EndpointMap } from './endpointMap';
import type { components } from './generated';
import { spec } from './generated';

type Schemas = components['schemas'];

// Compile-time checks: `yarn tsc` fails when EndpointMap stops giving an operation the
// parameters, body and response its spec has (a helper that fell back to `unknown` or `{}`
// would still let every router compile).
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B
  ? 1
  : 2
  ? true
  : false;
const typeIs = <T extends true>(check: T) => check;

type Update = EndpointMap['#patch|/incidents/{idOrRef}'];
typeIs<Equal<Update['path'], { idOrRef: string }>>(true);
typeIs<Equal<Update['body'], Schemas['UpdateIncidentRequest']>>(true);
typeIs<Equal<Update['response'], Schemas['Incident']>>(true);
typeIs<Equal<keyof Update, 'path' | 'body' | 'response'>>(true);

type List = EndpointMap['#get|/incidents'];
typeIs<Equal<keyof List, 'query' | 'response'>>(true);
typeIs<Equal<List['query']['limit'], number | undefined>>(true);
typeIs<Equal<List['response'], Schemas['IncidentPage']>>(true);

// 200 (the same key again) and 201 (declared) answer the same incident.
typeIs<Equal<EndpointMap['#post|/incidents']['response'], Schemas['Incident']>>(
  true,
);
// No content, and a feed that is not JSON: nothing for a handler to send as JSON.
typeIs<Equal<EndpointMap['#_delete|/schedules/{id}']['response'], void>>(true);
typeIs<Equal<EndpointMap['#get|/calendar/{file}']['response'], void>>(true);

describe('EndpointMap', () => {
  it('has one entry per operation of the spec, keyed as the typed router expects', () => {
    // An object literal must name every key of the type and no other.
    const keys: Record<keyof EndpointMap, true> = {
      '#get|/health': true,
      '#get|/settings': true,
      '#get|/incidents': true,
      '#post|/incidents': true,
      '#get|/incidents/{idOrRef}': true,
      '#patch|/incidents/{idOrRef}': true,
      '#get|/incidents/{idOrRef}/timeline': true,
      '#post|/incidents/{idOrRef}/timeline': true,
      '#post|/incidents/{idOrRef}/responders': true,
      '#_delete|/incidents/{idOrRef}/responders/me': true,
      '#post|/incidents/{idOrRef}/acknowledge': true,
      '#post|/incidents/{idOrRef}/escalate': true,
      '#get|/incidents/{idOrRef}/pages': true,
      '#post|/incidents/{idOrRef}/postmortem': true,
      '#get|/incidents/{idOrRef}/postmortem': true,
      '#get|/postmortems/{id}': true,
      '#patch|/postmortems/{id}': true,
      '#post|/postmortems/{id}/approvals': true,
      '#post|/postmortems/{id}/incidents': true,
      '#_delete|/postmortems/{id}/incidents/{idOrRef}': true,
      '#get|/postmortems/{id}/export': true,
      '#get|/schedules': true,
      '#post|/schedules': true,
      '#get|/schedules/{id}': true,
      '#patch|/schedules/{id}': true,
      '#_delete|/schedules/{id}': true,
      '#get|/schedules/{id}/shifts': true,
      '#post|/schedules/{id}/overrides': true,
      '#_delete|/schedules/{id}/overrides/{overrideId}': true,
      '#get|/escalation-policies': true,
      '#post|/escalation-policies': true,
      '#get|/escalation-policies/{id}': true,
      '#patch|/escalation-policies/{id}': true,
      '#_delete|/escalation-policies/{id}': true,
      '#get|/oncall': true,
      '#post|/oncall/query': true,
      '#get|/oncall/me/shifts': true,
      '#get|/calendar/{file}': true,
      '#post|/calendar/tokens': true,
      '#post|/calendar/tokens/rotate': true,
      // Runbooks
      '#get|/runbooks': true,
      '#post|/runbooks': true,
      '#get|/runbooks/{id}': true,
      '#put|/runbooks/{id}': true,
      '#get|/runbooks/{id}/versions': true,
      '#get|/runbooks/{id}/versions/{version}': true,
      '#get|/incidents/{idOrRef}/runbooks': true,
      '#post|/incidents/{idOrRef}/runbook-steps': true,
      '#get|/action-items': true,
      '#post|/action-items': true,
      '#get|/action-items/{id}': true,
      '#patch|/action-items/{id}': true,
      '#post|/action-items/{id}/ticket': true,
    };
    const methods = ['get', 'put', 'post', 'delete', 'patch'] as const;
    const operations = Object.entries(spec.paths).flatMap(([route, item]) =>
      methods
        .filter(method => method in item)
        .map(method => `#${method === 'delete' ? '_delete' : method}|${route}`),
    );
    expect(Object.keys(keys).sort()).toEqual(operations.sort());
  });
});
