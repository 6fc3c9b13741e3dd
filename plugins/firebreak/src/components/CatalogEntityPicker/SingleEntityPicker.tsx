import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import {
  EntityOption,
  EntitySearchField,
  noOptionsText,
} from './EntitySearchField';
import { useCatalogEntityOptions } from './useCatalogEntityOptions';

/**
 * Picks one catalog entity of some kinds, searching as the user types; what GroupPicker and
 * UserPicker are made of.
 *
 * @internal
 */
export function SingleEntityPicker(props: {
  id: string;
  label: string;
  kinds: string[];
  /** An entity ref, or undefined for none yet. */
  value?: string;
  onChange: (ref: string) => void;
  /** What the picker says when nothing has the name typed. */
  noMatchText: string;
  /** The signed-in user's ref: named in advance, and marked "(you)" wherever it shows. */
  youRef?: string;
  helperText?: string;
  error?: boolean;
  disabled?: boolean;
  /** For pickers that appear because the user asked to change something. */
  takeFocus?: boolean;
}) {
  const { value, youRef } = props;
  const { optionRefs, loading, error, setInput, describe, filterOptions } =
    useCatalogEntityOptions({
      kinds: props.kinds,
      selectedRefs: [value, youRef].filter((r): r is string => !!r),
    });
  const options =
    value && !optionRefs.includes(value) ? [value, ...optionRefs] : optionRefs;
  const labelOf = (ref: string) =>
    `${describe(ref).name}${ref === youRef ? ' (you)' : ''}`;
  // What the user types; otherwise the input shows the holder's name, which may arrive
  // from the catalog after the holder does.
  const [typed, setTyped] = useState<string>();

  return (
    <Autocomplete<string, false, true, false>
      id={props.id}
      options={options}
      value={value ?? (null as unknown as string)}
      disableClearable
      disabled={props.disabled}
      loading={loading}
      filterOptions={filterOptions}
      getOptionLabel={labelOf}
      onChange={(_event, ref) => ref && props.onChange(ref)}
      inputValue={typed ?? (value ? labelOf(value) : '')}
      onInputChange={(_event, text, reason) => {
        setTyped(reason === 'input' ? text : undefined);
        setInput(reason === 'input' ? text : '');
      }}
      noOptionsText={noOptionsText(error, props.noMatchText)}
      renderOption={ref => (
        <EntityOption name={labelOf(ref)} detail={describe(ref).detail} />
      )}
      renderInput={params => (
        <EntitySearchField params={params} picker={props} loading={loading} />
      )}
    />
  );
}
