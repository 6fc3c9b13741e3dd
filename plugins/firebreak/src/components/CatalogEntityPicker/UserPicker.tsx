import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { useCatalogEntityOptions } from './useCatalogEntityOptions';

/**
 * Picks one person from the catalog. Always holds someone: with no value it shows the
 * signed-in user, marked "(you)", when `emptyMeansYou` is set.
 *
 * @internal
 */
export function UserPicker(props: {
  id: string;
  label: string;
  /** A user entity ref, or undefined for "you" (with `emptyMeansYou`) or nobody yet. */
  value?: string;
  onChange: (userRef: string) => void;
  emptyMeansYou?: boolean;
  helperText?: string;
  /** For pickers that appear because the user asked to change someone. */
  takeFocus?: boolean;
  disabled?: boolean;
}) {
  const identityApi = useApi(identityApiRef);
  const self = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  );
  const selfRef = self.value?.toLocaleLowerCase('en-US');
  const value = props.value ?? (props.emptyMeansYou ? selfRef : undefined);
  const { optionRefs, loading, error, setInput, describe, filterOptions } =
    useCatalogEntityOptions({
      kinds: ['user'],
      selectedRefs: [value, selfRef].filter((r): r is string => !!r),
    });
  const options =
    value && !optionRefs.includes(value) ? [value, ...optionRefs] : optionRefs;
  const labelOf = (ref: string) =>
    `${describe(ref).name}${ref === selfRef ? ' (you)' : ''}`;
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
      noOptionsText={
        error
          ? `Cannot search the catalog: ${error.message}`
          : 'Nobody by that name'
      }
      renderOption={ref => (
        <div>
          <Typography variant="body2">{labelOf(ref)}</Typography>
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
          // Only pickers that appear because the user asked to change someone take focus.
          // eslint-disable-next-line jsx-a11y/no-autofocus
          autoFocus={props.takeFocus}
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
