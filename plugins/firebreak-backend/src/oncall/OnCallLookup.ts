import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  computeScheduleShifts,
  EscalationPolicy,
  MyShift,
  OnCallResponse,
  Shift,
} from '@firebreak/backstage-plugin-common';
import { lowerRef } from '../refs';
import { OnCallAuthorizer } from './OnCallAuthorizer';
import { userRefOf } from './OnCallInput';
import { OnCallResolver } from './OnCallResolver';
import { OnCallStore } from './OnCallStore';

const DAY = 86_400_000;
/** The longest stretch one shifts request may cover. */
const MAX_RANGE_DAYS = 366;

/**
 * Who is on call for an entity, and who is on shift when: a schedule's shifts and a person's.
 *
 * @internal
 */
export class OnCallLookup {
  constructor(
    private readonly deps: {
      store: OnCallStore;
      resolver: OnCallResolver;
      catalog: CatalogService;
      authorizer: OnCallAuthorizer;
      now: () => Date;
    },
  ) {}

  /** The final shifts of a schedule between two instants. */
  async scheduleShifts(
    id: string,
    range: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ): Promise<Shift[]> {
    await this.deps.authorizer.authorizeRead(credentials);
    const { from, to } = this.range(range);
    const schedule = (await this.deps.store.getSchedules([id], from, to)).get(
      lowerRef(id),
    );
    if (!schedule) {
      throw new NotFoundError(`No schedule ${id}`);
    }
    return computeScheduleShifts(schedule, from, to);
  }

  /** Who is on call for each entity at an instant (default now), in the order asked. */
  async onCall(
    entityRefs: string[],
    at: string | undefined,
    credentials: BackstageCredentials,
    /** The request field the refs came from: `entityRef` for one, else indexed. */
    field: string = 'entityRef',
  ): Promise<OnCallResponse[]> {
    await this.deps.authorizer.authorizeRead(credentials);
    const instant = at ? new Date(at) : this.deps.now();
    const refs = entityRefs.map((ref, index) => {
      try {
        return lowerRef(stringifyEntityRef(parseEntityRef(ref)));
      } catch {
        throw new InputError(
          `${
            field === 'entityRef' ? field : `${field}[${index}]`
          }: '${ref}' is not an entity ref`,
        );
      }
    });
    const unique = [...new Set(refs)];
    const { items } = await this.deps.catalog.getEntitiesByRefs(
      {
        entityRefs: unique,
        fields: [
          'kind',
          'metadata.name',
          'metadata.namespace',
          'metadata.annotations',
          'relations',
        ],
      },
      { credentials },
    );
    const missing = unique.findIndex((_, i) => !items[i]);
    if (missing >= 0) {
      throw new NotFoundError(`No entity ${unique[missing]} in the catalog`);
    }
    const policies = await this.deps.resolver.policiesFor(
      items.filter(Boolean) as NonNullable<(typeof items)[number]>[],
    );

    // Resolve each distinct policy once, reading every schedule involved in one query.
    const distinct = new Map<string, EscalationPolicy>();
    for (const found of policies.values()) {
      distinct.set(found.policy.id, found.policy);
    }
    const schedules = await this.deps.resolver.schedulesOf(
      [...distinct.values()].flatMap(p => p.levels),
      instant,
    );
    const memo = new Map();
    const levelsByPolicy = new Map(
      [...distinct.values()].map(policy => [
        policy.id,
        this.deps.resolver.levelsAt(policy.levels, schedules, instant, memo),
      ]),
    );

    return refs.map(entityRef => {
      const found = policies.get(entityRef);
      if (!found) {
        return { entityRef, levels: [] };
      }
      return {
        entityRef,
        policy: {
          id: found.policy.id,
          name: found.policy.name,
          ownerRef: found.policy.ownerRef,
        },
        policySource: found.source,
        levels: levelsByPolicy.get(found.policy.id) ?? [],
      };
    });
  }

  /** A person's shifts across every schedule between two instants. */
  async shiftsOf(
    userRef: string,
    range: { from?: string; to?: string },
  ): Promise<MyShift[]> {
    const { from, to } = this.range(range);
    const user = lowerRef(userRef);
    const all = await this.deps.store.listSchedules({}, from);
    const involved = all.filter(
      schedule =>
        schedule.layers.some(layer => layer.participants.includes(user)) ||
        schedule.overrides.some(o => o.userRef === user),
    );
    const withOverrides = await this.deps.store.getSchedules(
      involved.map(s => s.id),
      from,
      to,
    );
    return involved
      .flatMap(schedule =>
        computeScheduleShifts(
          withOverrides.get(schedule.id) ?? schedule,
          from,
          to,
        )
          .filter(shift => shift.userRef === user)
          .map(shift => ({
            scheduleId: schedule.id,
            scheduleName: schedule.name,
            start: shift.start,
            end: shift.end,
          })),
      )
      .sort((a, b) => a.start.localeCompare(b.start));
  }

  async myShifts(
    range: { from?: string; to?: string },
    credentials: BackstageCredentials,
  ) {
    await this.deps.authorizer.authorizeRead(credentials);
    const userRef = userRefOf(credentials);
    if (!userRef) {
      throw new NotAllowedError(
        'Only a signed-in person has shifts of their own',
      );
    }
    return this.shiftsOf(userRef, range);
  }

  private range(range: { from?: string; to?: string }) {
    const now = this.deps.now().getTime();
    const from = range.from ? new Date(range.from) : new Date(now);
    const to = range.to
      ? new Date(range.to)
      : new Date(from.getTime() + 14 * DAY);
    if (Number.isNaN(from.getTime())) {
      throw new InputError('from: must be an ISO 8601 instant');
    }
    if (Number.isNaN(to.getTime())) {
      throw new InputError('to: must be an ISO 8601 instant');
    }
    if (to <= from) {
      throw new InputError('to: must be after from');
    }
    if (to.getTime() - from.getTime() > MAX_RANGE_DAYS * DAY) {
      throw new InputError(`to: at most ${MAX_RANGE_DAYS} days after from`);
    }
    return { from, to };
  }
}
