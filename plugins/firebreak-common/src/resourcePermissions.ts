import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  BasicPermission,
  createPermission,
  PermissionAttributes,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

type Action = NonNullable<PermissionAttributes['action']>;

/**
 * One permission of a set: the resource type it is authorized against (none for a basic
 * permission), and its action when the verb is not one (an `approve` is an `update`).
 */
type PermissionSpec = { resourceType?: string; action?: Action };

type SpecsOf<TVerbs> = {
  [V in keyof TVerbs]: V extends Action
    ? PermissionSpec
    : PermissionSpec & { action: Action };
};

type PermissionsOf<TVerbs> = {
  [V in keyof TVerbs]: TVerbs[V] extends {
    resourceType: infer T extends string;
  }
    ? ResourcePermission<T>
    : BasicPermission;
};

/**
 * The permissions of one kind of Firebreak resource, one a verb, each named
 * `firebreak.<resource>.<verb>`.
 *
 * @internal
 */
export function resourcePermissions<
  const TVerbs extends Record<string, PermissionSpec>,
>(resource: string, verbs: TVerbs & SpecsOf<TVerbs>): PermissionsOf<TVerbs> {
  return Object.fromEntries(
    Object.entries(verbs).map(([verb, spec]) => [
      verb,
      createPermission({
        name: `firebreak.${resource}.${verb}`,
        attributes: { action: spec.action ?? (verb as Action) },
        ...(spec.resourceType ? { resourceType: spec.resourceType } : {}),
      }),
    ]),
  ) as PermissionsOf<TVerbs>;
}

/**
 * The resource ref that stands for everything of one kind a team owns, such as
 * `owner:group:default/payments`. The owner is normalized (kind `group` and namespace `default`
 * when left out, lower-cased), so the frontend and the backend ask about the same ref. Throws
 * when `ownerRef` is not an entity ref.
 *
 * @internal
 */
export function ownerResourceRef(ownerRef: string): string {
  const owner = stringifyEntityRef(
    parseEntityRef(ownerRef, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    }),
  );
  return `owner:${owner.toLowerCase()}`;
}
