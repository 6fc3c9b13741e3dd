import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';

/**
 * A name for an entity ref the catalog did not (yet) name: `alice.nguyen`, or the ref when it is
 * not one.
 *
 * @internal
 */
export function fallbackNameOf(ref: string, defaultKind = 'user'): string {
  try {
    return humanizeEntityRef(parseEntityRef(ref), { defaultKind });
  } catch {
    return ref;
  }
}

function nameOfEntity(entity: Entity): string {
  const profile = entity.spec?.profile as { displayName?: string } | undefined;
  return profile?.displayName ?? entity.metadata.title ?? entity.metadata.name;
}

/**
 * Names people (or groups) as the catalog presents them, looked up once for a set of entity
 * refs; until the catalog answers, and for refs it does not know, the ref's short form.
 *
 * @internal
 */
export function usePersonNames(
  refs: readonly string[],
): (ref: string) => string {
  const catalogApi = useApi(catalogApiRef);
  const [names, setNames] = useState<Record<string, string>>({});
  const missing = [...new Set(refs.map(ref => ref.toLocaleLowerCase('en-US')))]
    .filter(ref => !(ref in names))
    .sort()
    .join('\n');

  useEffect(() => {
    if (!missing) {
      return undefined;
    }
    let cancelled = false;
    const wanted = missing.split('\n');
    catalogApi
      .getEntitiesByRefs({
        entityRefs: wanted,
        fields: [
          'kind',
          'metadata.namespace',
          'metadata.name',
          'metadata.title',
          'spec.profile.displayName',
        ],
      })
      .then(response => {
        if (cancelled) {
          return;
        }
        const found: Record<string, string> = {};
        wanted.forEach((ref, index) => {
          const entity = response.items[index];
          found[ref] = entity ? nameOfEntity(entity) : fallbackNameOf(ref);
        });
        setNames(previous => ({ ...previous, ...found }));
      })
      // Unnamed people still show: by the short form of their ref.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [catalogApi, missing]);

  return (ref: string) =>
    names[ref.toLocaleLowerCase('en-US')] ?? fallbackNameOf(ref);
}

/** Lower-cased, namespaced form of an entity ref, for comparing refs. @internal */
export function normalizeRef(ref: string, defaultKind = 'user'): string {
  try {
    return stringifyEntityRef(
      parseEntityRef(ref, { defaultKind, defaultNamespace: 'default' }),
    ).toLocaleLowerCase('en-US');
  } catch {
    return ref.toLocaleLowerCase('en-US');
  }
}
