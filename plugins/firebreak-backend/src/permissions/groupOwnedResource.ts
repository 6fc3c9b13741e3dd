import {
  createPermissionRule,
  PermissionResourceRef,
  PermissionRule,
} from '@backstage/plugin-permission-node';
import { z } from 'zod';
import { lowerRef } from '../refs';

/*
 * Schedules, escalation policies and runbooks each belong to one group, and a team's whole set
 * stands as the ref `owner:<group ref>`: the owner, lower-cased, is what policies condition on.
 */

/**
 * A rule that is true when one of the claims is the group that owns the resource. Such
 * resources are only ever checked one at a time, never filtered in a query.
 *
 * @internal
 */
export function createGroupOwnerRule<
  TResource extends { ownerRef: string },
  TResourceType extends string,
>(options: {
  name: string;
  description: string;
  resourceRef: PermissionResourceRef<TResource, never, TResourceType>;
  /** What the resources are called, as in `Runbooks`, for the error of a query. */
  resources: string;
}): PermissionRule<TResource, never, TResourceType, { claims: string[] }> {
  const { name, description, resourceRef, resources } = options;
  return createPermissionRule({
    name,
    description,
    resourceRef,
    paramsSchema: z.object({
      claims: z
        .array(z.string())
        .describe('Entity refs of the user and their groups'),
    }),
    apply: (resource, { claims }) =>
      claims.some(claim => lowerRef(claim) === resource.ownerRef),
    toQuery: () => {
      throw new Error(`${resources} are only ever checked one at a time`);
    },
  });
}

/**
 * Loads what permission rules need of group-owned resources, by resource ref `<kind>:<id>`.
 * `owner:<group ref>` stands for a team's whole set, to create or move something into, and
 * needs nothing loaded; `load` finds the others, or nothing when there is no such resource.
 *
 * @internal
 */
export function loadGroupOwnedResources<TResource>(
  refs: string[],
  load: (kind: string, id: string) => Promise<TResource | undefined>,
): Promise<
  Array<TResource | { kind: 'owner'; id: string; ownerRef: string } | undefined>
> {
  return Promise.all(
    refs.map(async ref => {
      const colon = ref.indexOf(':');
      const kind = ref.slice(0, colon);
      const id = ref.slice(colon + 1);
      if (kind === 'owner') {
        const ownerRef = lowerRef(id);
        return { kind, id: ownerRef, ownerRef };
      }
      return load(kind, id);
    }),
  );
}
