import CircularProgress from '@material-ui/core/CircularProgress';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { AutocompleteRenderInputParams } from '@material-ui/lab/Autocomplete';

/**
 * The text field of a catalog picker, with a spinner while the catalog is searched.
 *
 * @internal
 */
export function EntitySearchField(props: {
  params: AutocompleteRenderInputParams;
  /** What the picker says about the field. */
  picker: {
    label: string;
    helperText?: string;
    error?: boolean;
    takeFocus?: boolean;
  };
  loading: boolean;
}) {
  const { params, picker, loading } = props;
  return (
    <TextField
      {...params}
      label={picker.label}
      helperText={picker.helperText}
      error={picker.error}
      // Only pickers that appear because the user asked to change someone take focus.
      // eslint-disable-next-line jsx-a11y/no-autofocus
      autoFocus={picker.takeFocus}
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
  );
}

/**
 * An option of a catalog picker: the entity's name, and what tells it from others so named.
 *
 * @internal
 */
export function EntityOption(props: { name: string; detail: string }) {
  return (
    <div>
      <Typography variant="body2">{props.name}</Typography>
      <Typography variant="caption" color="textSecondary">
        {props.detail}
      </Typography>
    </div>
  );
}

/**
 * What a catalog picker says when it has nothing to offer: why, when the search failed.
 *
 * @internal
 */
export function noOptionsText(
  error: Error | undefined,
  noMatch: string,
): string {
  return error ? `Cannot search the catalog: ${error.message}` : noMatch;
}
