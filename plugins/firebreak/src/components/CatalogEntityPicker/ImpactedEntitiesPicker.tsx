import Chip from '@material-ui/core/Chip';
import Autocomplete from '@material-ui/lab/Autocomplete';
import {
  EntityOption,
  EntitySearchField,
  noOptionsText,
} from './EntitySearchField';
import { useCatalogEntityOptions } from './useCatalogEntityOptions';

/** The kinds an incident can impact, as the backend accepts them. */
const IMPACTABLE_KINDS = ['component', 'system', 'api', 'resource'];

/**
 * Picks the catalog entities an incident impacts: components, systems, APIs and resources.
 * Never empty: the last entity cannot be removed.
 *
 * @internal
 */
export function ImpactedEntitiesPicker(props: {
  id: string;
  label: string;
  value: string[];
  onChange: (entityRefs: string[]) => void;
  helperText?: string;
  disabled?: boolean;
}) {
  const { value } = props;
  const { optionRefs, loading, error, setInput, describe, filterOptions } =
    useCatalogEntityOptions({ kinds: IMPACTABLE_KINDS, selectedRefs: value });
  const options = [...value, ...optionRefs.filter(ref => !value.includes(ref))];

  return (
    <Autocomplete<string, true, true, false>
      id={props.id}
      multiple
      options={options}
      value={value}
      disableClearable
      filterSelectedOptions
      disabled={props.disabled}
      loading={loading}
      filterOptions={filterOptions}
      getOptionLabel={ref => describe(ref).name}
      onChange={(_event, refs) => {
        if (refs.length > 0) {
          props.onChange(refs);
        }
      }}
      onInputChange={(_event, text, reason) =>
        setInput(reason === 'input' ? text : '')
      }
      noOptionsText={noOptionsText(
        error,
        'No component, system, API or resource by that name',
      )}
      renderOption={ref => (
        <EntityOption name={describe(ref).name} detail={describe(ref).detail} />
      )}
      renderTags={(refs, getTagProps) =>
        refs.map((ref, index) => {
          const { onDelete, ...tagProps } = getTagProps({ index }) as {
            onDelete: (event: unknown) => void;
          };
          return (
            <Chip
              {...tagProps}
              key={ref}
              size="small"
              label={describe(ref).name}
              title={describe(ref).detail}
              // The last impacted entity stays: an incident always impacts something.
              onDelete={refs.length > 1 ? onDelete : undefined}
            />
          );
        })
      }
      renderInput={params => (
        <EntitySearchField params={params} picker={props} loading={loading} />
      )}
    />
  );
}
