import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  CreateEscalationPolicyRequest,
  CreateScheduleRequest,
  ScheduleProblem,
} from '@firebreak/backstage-plugin-common';
import { requireEntityOfKind } from '../entityOfKind';
import { lowerRef } from '../refs';
import { OnCallAuthorizer } from './OnCallAuthorizer';
import { OnCallStore } from './OnCallStore';

/**
 * Answers the first problem found in a schedule, an override or a policy with a 400 naming its
 * field.
 *
 * @internal
 */
export function failOnProblems(problems: ScheduleProblem[]): void {
  if (problems.length > 0) {
    throw new InputError(`${problems[0].field}: ${problems[0].message}`);
  }
}

/**
 * Every participant of the layers, with the field that names it.
 *
 * @internal
 */
export function participantsOf(layers: CreateScheduleRequest['layers']) {
  return layers.flatMap((layer, l) =>
    layer.participants.map((ref, p) => ({
      ref,
      field: `layers[${l}].participants[${p}]`,
    })),
  );
}

/**
 * The signed-in person a request comes from, lower-cased, if it comes from a person.
 *
 * @internal
 */
export function userRefOf(
  credentials: BackstageCredentials,
): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
  };
  return principal.type === 'user' && principal.userEntityRef
    ? lowerRef(principal.userEntityRef)
    : undefined;
}

/**
 * Checks what on-call configuration names — its owner group, its people, the schedules a policy
 * pages — against the catalog and the store, and puts the refs in the form they are stored in.
 *
 * @internal
 */
export class OnCallInput {
  constructor(
    private readonly deps: {
      store: OnCallStore;
      catalog: CatalogService;
      now: () => Date;
    },
  ) {}

  /** The lower-cased ref of a group in the catalog, or a 400 naming the field. */
  requireGroup(
    ref: string,
    field: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return requireEntityOfKind(
      this.deps.catalog,
      ref,
      'group',
      field,
      credentials,
    );
  }

  /** A 400 naming the field of the first user not in the catalog. */
  async requireUsersInCatalog(
    users: Array<{ ref: string; field: string }>,
    credentials: BackstageCredentials,
  ) {
    if (users.length === 0) {
      return;
    }
    const refs = users.map(u => this.normalizeUser(u.ref));
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      { entityRefs: refs, fields: ['kind', 'metadata.name'] },
      { credentials },
    );
    const missing = items.findIndex(item => !item);
    if (missing >= 0) {
      throw new InputError(
        `${users[missing].field}: '${users[missing].ref}' is not in the catalog`,
      );
    }
  }

  normalizeUser(ref: string) {
    return lowerRef(
      stringifyEntityRef(parseEntityRef(ref, { defaultNamespace: 'default' })),
    );
  }

  normalizeLayers(layers: CreateScheduleRequest['layers']) {
    return layers.map(layer => ({
      ...layer,
      name: layer.name.trim(),
      participants: layer.participants.map(ref => this.normalizeUser(ref)),
    }));
  }

  /** A policy's levels with every target checked: schedules in the store, users in the catalog. */
  async checkTargets(
    levels: CreateEscalationPolicyRequest['levels'],
    credentials: BackstageCredentials,
  ) {
    const scheduleIds = levels.flatMap(l =>
      l.targets.filter(t => t.type === 'schedule').map(t => t.ref),
    );
    const schedules = await this.deps.store.getSchedules(
      scheduleIds,
      this.deps.now(),
    );
    const users: Array<{ ref: string; field: string }> = [];
    levels.forEach((level, l) =>
      level.targets.forEach((target, t) => {
        const field = `levels[${l}].targets[${t}].ref`;
        if (
          target.type === 'schedule' &&
          !schedules.has(lowerRef(target.ref))
        ) {
          throw new InputError(`${field}: no schedule ${target.ref}`);
        }
        if (target.type === 'user') {
          users.push({ ref: target.ref, field });
        }
      }),
    );
    await this.requireUsersInCatalog(users, credentials);
    return levels.map(level => ({
      ackTimeoutMinutes: level.ackTimeoutMinutes,
      targets: level.targets.map(target => ({
        type: target.type,
        ref:
          target.type === 'user'
            ? this.normalizeUser(target.ref)
            : lowerRef(target.ref),
      })),
    }));
  }
}

/**
 * What the parts that edit on-call configuration (schedules, policies) work with.
 *
 * @internal
 */
export interface OnCallEditingDeps {
  store: OnCallStore;
  authorizer: OnCallAuthorizer;
  input: OnCallInput;
  now: () => Date;
}
