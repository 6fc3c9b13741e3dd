import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import { useCatalogEntityOptions } from './useCatalogEntityOptions';

/**
 * Picks one group (a team) from the catalog, searching as the user types.
 *
 * @internal
 */
export function GroupPicker(props: {
  id: string;
  label: string;
  /** A group entity ref, or undefined for none yet. */
  value?: string;
  onChange: (groupRef: string) => void;
  helperText?: string;
  error?: boolean;
  disabled?: boolean;
}) {
  const { value } = props;
  const { optionRefs, loading, error, setInput, describe, filterOptions } =
    useCatalogEntityOptions({
      kinds: ['group'],
      selectedRefs: value ? [value] : [],
    });
  const options =
    value && !optionRefs.includes(value) ? [value, ...optionRefs] : optionRefs;
  // What the user types; otherwise the group's name, which may arrive after the group does.
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
      getOptionLabel={ref => describe(ref).name}
      onChange={(_event, ref) => ref && props.onChange(ref)}
      inputValue={typed ?? (value ? describe(value).name : '')}
      onInputChange={(_event, text, reason) => {
        setTyped(reason === 'input' ? text : undefined);
        setInput(reason === 'input' ? text : '');
      }}
      noOptionsText={
        error
          ? `Cannot search the catalog: ${error.message}`
          : 'No team by that name'
      }
      renderOption={ref => (
        <div>
          <Typography variant="body2">{describe(ref).name}</Typography>
          <Typography variant="caption" color="textSecondary">
            {describe(ref).detail}
          </Typography>
        </div>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label={props.label}
          helperText={props.helperText}
          error={props.error}
          fullWidth
          InputProps={{
            ...params.InputProps,
            endAdornment: (
              <>
                {loading && <CircularProgress color="inherit" size={16} />}
                {params.InputProps.endAdornment}
              </>
            ),
          }}
        />
      )}
    />
  );
}
