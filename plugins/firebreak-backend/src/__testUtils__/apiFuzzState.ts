import { RequestPlan } from './openApiArbitraries';
import { SpecOperation } from './openApiOperations';
import { Live } from './openApiValues';

/**
 * What an OpenAPI fuzz run has learnt from the API's answers (the ids, references, versions,
 * cursors and feed paths it handed out), so that later requests name real things and reach
 * past the 404s. The oracles that judge each answer and the database are in apiFuzzOracles.ts.
 */

/** A resource the API handed out: the path parameters that name it. */
interface KnownResource {
  params: Record<string, string>;
  versionKey: string;
}

/**
 * Answers that hand out a resource another path names: an incident's postmortem is read and
 * changed at `/postmortems/{id}`.
 */
const HANDED_OUT_AS: Record<string, string> = {
  '/incidents/{idOrRef}/postmortem': '/postmortems/{id}',
};

/** The incidents a postmortem covers besides its own, as the answers' `alsoCovers` list them. */
const POSTMORTEM_COVERED = '/postmortems/{id}/incidents/{idOrRef}';

/** A request ready to send. */
export interface ResolvedRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

// The last path parameter's template: `/schedules/{id}/shifts` names what `/schedules/{id}` does.
function itemTemplateOf(template: string): string | undefined {
  const match = /^(.*\{[^}]+\})/.exec(template);
  return match?.[1];
}

function paramNames(template: string): string[] {
  return [...template.matchAll(/\{([^}]+)\}/g)].map(m => m[1]);
}

/** Harvested ids and versions, with the problems seen in how versions moved. */
export class ApiFuzzState {
  private readonly resources = new Map<string, KnownResource[]>();
  private readonly versions = new Map<string, number>();
  private readonly cursors: string[] = [];
  readonly problems: string[] = [];

  constructor(
    private readonly operations: SpecOperation[],
    private readonly authorization: (
      sender: RequestPlan['sender'],
    ) => string | undefined,
  ) {}

  operation(key: string): SpecOperation {
    const found = this.operations.find(
      o => `${o.method.toUpperCase()} ${o.template}` === key,
    );
    if (!found) throw new Error(`No operation ${key}`);
    return found;
  }

  /** The values a pool holds: `<item template>:<parameter>`, or `cursor`. */
  pool(name: string): string[] {
    if (name === 'cursor') return this.cursors;
    const [template, parameter] = name.split(':');
    return (this.resources.get(template) ?? []).map(r => r.params[parameter]);
  }

  /** Fills in a plan's live values and builds the request. */
  resolve(plan: RequestPlan): {
    request: ResolvedRequest;
    params: Record<string, string>;
  } {
    const operation = this.operation(plan.operation);
    const itemTemplate = itemTemplateOf(operation.template);
    const known = itemTemplate ? this.resources.get(itemTemplate) ?? [] : [];
    const resource = known.length
      ? known[plan.pathPick % known.length]
      : undefined;
    const params: Record<string, string> = {};
    for (const name of paramNames(operation.template)) {
      params[name] =
        plan.rawPath[name] ??
        resource?.params[name] ??
        '00000000-0000-4000-8000-000000000000';
    }
    const path = operation.template.replace(/\{([^}]+)\}/g, (_, name) =>
      encodeURIComponent(params[name]),
    );
    const fill = (value: unknown): unknown => {
      if (value instanceof Live) {
        if (value.pool === 'version') {
          const current = resource && this.versions.get(resource.versionKey);
          return (current ?? 1) + value.offset;
        }
        const values = this.pool(value.pool);
        return values.length
          ? values[value.pick % values.length]
          : `unknown-${value.pick}`;
      }
      if (Array.isArray(value)) return value.map(fill);
      if (value && typeof value === 'object') {
        return Object.fromEntries(
          Object.entries(value).map(([k, v]) => [k, fill(v)]),
        );
      }
      return value;
    };
    const query = plan.query
      .map(([name, value]) => {
        const filled = fill(value);
        let text: string;
        if (Array.isArray(filled)) text = filled.join(',');
        else if (typeof filled === 'object') text = JSON.stringify(filled);
        else text = String(filled);
        // Names and values as sent by a careless client, %ZZ and all.
        const encode = (s: string) => (s === '%ZZ' ? s : encodeURIComponent(s));
        return `${encode(name)}=${encode(text)}`;
      })
      .join('&');
    const headers: Record<string, string> = { ...plan.headers };
    const authorization = this.authorization(plan.sender);
    if (authorization) headers.authorization = authorization;
    let body: string | undefined;
    if (plan.body.kind === 'json') {
      body = JSON.stringify(fill(plan.body.value)) ?? 'null';
      headers['content-type'] = plan.body.contentType ?? 'application/json';
    } else if (plan.body.kind === 'raw') {
      body = plan.body.text;
      headers['content-type'] = plan.body.contentType;
    }
    return {
      request: {
        method: operation.method.toUpperCase(),
        path: `/api/firebreak${path}${query ? `?${query}` : ''}`,
        headers,
        body,
      },
      params,
    };
  }

  /** Learns from a successful answer: ids handed out, versions, cursors, feed paths. */
  harvest(
    operation: SpecOperation,
    params: Record<string, string>,
    status: number,
    body: any,
  ) {
    if (status === 204 && operation.method === 'delete') {
      this.forget(itemTemplateOf(operation.template)!, params);
      return;
    }
    // Detaching answers the postmortem, which names what it still covers.
    if (status < 300 && operation.template === POSTMORTEM_COVERED) {
      this.forget(POSTMORTEM_COVERED, params);
    }
    if (status >= 300 || !body || typeof body !== 'object') return;
    if (typeof body.nextCursor === 'string') this.cursors.push(body.nextCursor);
    if (typeof body.path === 'string') this.learnPath(body.path);
    if (Array.isArray(body.alsoCovers) && typeof body.id === 'string') {
      this.harvestPostmortem(body);
      return;
    }
    const elsewhere = HANDED_OUT_AS[operation.template];
    if (elsewhere && typeof body.id === 'string') {
      const versionKey = `${elsewhere}|${body.id}`;
      this.remember(elsewhere, { params: { id: body.id }, versionKey });
      this.observeVersion(versionKey, body.version);
      return;
    }
    const child = this.childTemplate(operation.template);
    const own = itemTemplateOf(operation.template) === operation.template;
    const childParam = child && paramNames(child).pop()!;
    for (const item of Array.isArray(body.items) ? body.items : [body]) {
      // Children named by a number rather than an id, such as a runbook's `{version}`.
      if (childParam && Number.isInteger(item?.[childParam])) {
        const value = String(item[childParam]);
        this.remember(child, {
          params: { ...params, [childParam]: value },
          versionKey: `${child}|${JSON.stringify(params)}|${value}`,
        });
        continue;
      }
      if (typeof item?.id !== 'string') continue;
      // An answer showing an old version (a runbook's history) names the current one too.
      const current = item.latestVersion ?? item.version;
      if (own && item === body) {
        this.observeVersion(`${operation.template}|${item.id}`, current);
        continue;
      }
      if (!child) continue;
      const name = paramNames(child).pop()!;
      const versionKey = `${child}|${item.id}`;
      for (const alias of [item.id, item.ref, item.name]) {
        if (typeof alias === 'string' && alias) {
          this.remember(child, {
            params: { ...params, [name]: alias },
            versionKey,
          });
        }
      }
      this.observeVersion(versionKey, current);
    }
  }

  /**
   * A postmortem, whichever operation answered it (reading, attaching an incident, detaching
   * one): the postmortem itself and the incidents it covers besides its own, which can be
   * detached.
   */
  private harvestPostmortem(body: {
    id: string;
    version?: number;
    alsoCovers: { id: string; ref: string }[];
  }) {
    const versionKey = `/postmortems/{id}|${body.id}`;
    this.remember('/postmortems/{id}', { params: { id: body.id }, versionKey });
    this.observeVersion(versionKey, body.version);
    for (const covered of body.alsoCovers) {
      for (const alias of [covered.id, covered.ref]) {
        this.remember(POSTMORTEM_COVERED, {
          params: { id: body.id, idOrRef: alias },
          versionKey,
        });
      }
    }
  }

  /**
   * Forgets a deleted resource under every alias it was learnt by (id, ref, name: deleting it
   * by one leaves the others naming nothing) and everything under it (a schedule's overrides).
   */
  private forget(template: string, params: Record<string, string>) {
    const names = paramNames(template);
    const named = (r: KnownResource) =>
      names.every(name => r.params[name] === params[name]);
    const deleted = (this.resources.get(template) ?? []).filter(named);
    const versionKeys = new Set(deleted.map(r => r.versionKey));
    const idParam = names[names.length - 1];
    const aliases = new Set([
      params[idParam],
      ...(this.resources.get(template) ?? [])
        .filter(r => versionKeys.has(r.versionKey))
        .map(r => r.params[idParam]),
    ]);
    for (const [known, resources] of this.resources) {
      if (known !== template && !known.startsWith(`${template}/`)) continue;
      this.resources.set(
        known,
        resources.filter(r => !aliases.has(r.params[idParam])),
      );
    }
  }

  private childTemplate(template: string): string | undefined {
    return this.operations
      .map(o => o.template)
      .find(t =>
        new RegExp(`^${escapeRegExp(template)}/\\{[^}/]+\\}$`).test(t),
      );
  }

  private learnPath(path: string) {
    for (const template of new Set(this.operations.map(o => o.template))) {
      const names = paramNames(template);
      const pattern = new RegExp(
        `^${escapeRegExp(template).replace(/\\\{[^}]+\\\}/g, '([^/]+)')}$`,
      );
      const match = pattern.exec(path);
      if (match && names.length) {
        const params = Object.fromEntries(
          names.map((n, i) => [n, decodeURIComponent(match[i + 1])]),
        );
        this.remember(template, { params, versionKey: `${template}|${path}` });
      }
    }
  }

  private remember(template: string, resource: KnownResource) {
    const known = this.resources.get(template) ?? [];
    const key = JSON.stringify(resource.params);
    if (!known.some(r => JSON.stringify(r.params) === key)) {
      // A bounded pool keeps picks spread over recent and early resources alike.
      if (known.length >= 200) known.splice(known.length >> 1, 1);
      known.push(resource);
      this.resources.set(template, known);
    }
  }

  private observeVersion(key: string, version: unknown) {
    if (typeof version !== 'number') return;
    const seen = this.versions.get(key);
    if (seen !== undefined && version < seen) {
      this.problems.push(
        `${key}: version went from ${seen} down to ${version}`,
      );
    }
    this.versions.set(key, Math.max(seen ?? 0, version));
  }

  /** The highest version seen of each resource under an item template, by id. */
  versionsSeen(template: string): Map<string, number> {
    const found = new Map<string, number>();
    for (const [key, version] of this.versions) {
      const [t, id] = key.split('|');
      if (t === template) found.set(id, version);
    }
    return found;
  }
}

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
