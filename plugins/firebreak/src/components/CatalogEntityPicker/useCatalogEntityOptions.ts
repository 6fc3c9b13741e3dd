import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { useApi } from '@backstage/core-plugin-api';
import {
  catalogApiRef,
  humanizeEntityRef,
} from '@backstage/plugin-catalog-react';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useDebounce from 'react-use/esm/useDebounce';
import { fallbackNameOf } from '../../oncall/usePersonNames';

/**
 * A catalog entity as a picker shows it.
 *
 * @internal
 */
export interface CatalogEntityOption {
  /** Lower-cased entity ref: what the Firebreak API takes and returns. */
  ref: string;
  /** What people call it: display name, title or name. */
  name: string;
  /** What tells two similar names apart: kind and type, or a person's email. */
  detail: string;
}

const LOADED_FIELDS = [
  'kind',
  'metadata.namespace',
  'metadata.name',
  'metadata.title',
  'spec.type',
  'spec.profile.displayName',
  'spec.profile.email',
];
const SEARCHED_FIELDS = [
  'metadata.name',
  'metadata.title',
  'spec.profile.displayName',
];
const SEARCH_LIMIT = 20;

function toOption(entity: Entity): CatalogEntityOption {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  const profile = (entity.spec?.profile ?? {}) as {
    displayName?: string;
    email?: string;
  };
  const type =
    typeof entity.spec?.type === 'string' ? ` · ${entity.spec.type}` : '';
  return {
    ref: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    name: profile.displayName ?? entity.metadata.title ?? entity.metadata.name,
    detail:
      kind === 'user'
        ? profile.email ?? entity.metadata.name
        : `${kind}${type} · ${humanizeEntityRef(entity, {
            defaultKind: kind,
          })}`,
  };
}

/**
 * Searches the catalog for entities of some kinds as the user types (debounced, on the
 * server, a page at a time) and names the entity refs a picker already holds.
 *
 * @internal
 */
export function useCatalogEntityOptions(options: {
  kinds: string[];
  /** Refs the picker shows without having searched for them, such as presets. */
  selectedRefs: string[];
}) {
  const catalogApi = useApi(catalogApiRef);
  const [input, setInput] = useState('');
  const [term, setTerm] = useState('');
  const [known, setKnown] = useState<Record<string, CatalogEntityOption>>({});
  useDebounce(() => setTerm(input.trim()), 250, [input]);

  const kindsKey = options.kinds.join(',');
  const search = useAsync(async () => {
    const response = await catalogApi.queryEntities({
      filter: { kind: kindsKey.split(',') },
      fullTextFilter: term ? { term, fields: SEARCHED_FIELDS } : undefined,
      orderFields: { field: 'metadata.name', order: 'asc' },
      fields: LOADED_FIELDS,
      limit: SEARCH_LIMIT,
      totalItems: 'exclude',
    });
    return response.items.map(toOption);
  }, [catalogApi, kindsKey, term]);

  useEffect(() => {
    const found = search.value;
    if (found?.length) {
      setKnown(previous => ({
        ...previous,
        ...Object.fromEntries(found.map(option => [option.ref, option])),
      }));
    }
  }, [search.value]);

  // Refs the picker holds but has not seen in a search yet: look their names up once.
  const unnamedKey = options.selectedRefs
    .filter(ref => !known[ref])
    .sort()
    .join('\n');
  useEffect(() => {
    if (!unnamedKey) {
      return undefined;
    }
    let cancelled = false;
    catalogApi
      .getEntitiesByRefs({
        entityRefs: unnamedKey.split('\n'),
        fields: LOADED_FIELDS,
      })
      .then(response => {
        const found = response.items.filter((e): e is Entity => !!e);
        if (!cancelled && found.length) {
          setKnown(previous => ({
            ...previous,
            ...Object.fromEntries(
              found.map(toOption).map(option => [option.ref, option]),
            ),
          }));
        }
      })
      // A missing name is not worth an error: the picker shows the ref instead.
      .catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [catalogApi, unnamedKey]);

  const describe = (ref: string): CatalogEntityOption =>
    known[ref] ?? { ref, name: fallbackNameOf(ref), detail: ref };

  return {
    /** Refs found for what the user typed, best first. */
    optionRefs: search.value?.map(option => option.ref) ?? [],
    loading: search.loading || input.trim() !== term,
    error: search.error,
    /** Tell the search what the user typed; anything else clears it. */
    setInput,
    describe,
    /**
     * Narrows the options to what the user typed at once, while the catalog search for it
     * is still on its way, so the list does not jump under the pointer.
     */
    filterOptions: (refs: string[], state: { inputValue: string }) => {
      const text = state.inputValue.trim().toLocaleLowerCase('en-US');
      return refs.filter(ref => {
        const option = describe(ref);
        return [option.name, option.detail, ref].some(field =>
          field.toLocaleLowerCase('en-US').includes(text),
        );
      });
    },
  };
}
