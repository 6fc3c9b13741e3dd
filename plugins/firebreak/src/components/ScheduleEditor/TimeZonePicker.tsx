import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Autocomplete from '@material-ui/lab/Autocomplete';
import { DateTime } from 'luxon';
import { useMemo } from 'react';

let zones: string[] | undefined;

/** Every IANA zone this browser knows, with UTC. */
function supportedTimeZones(): string[] {
  if (!zones) {
    const known =
      typeof Intl.supportedValuesOf === 'function'
        ? Intl.supportedValuesOf('timeZone')
        : [];
    zones = known.includes('UTC') ? known : ['UTC', ...known];
  }
  return zones;
}

function offsetOf(zone: string, now: Date): string {
  const time = DateTime.fromJSDate(now, { zone });
  return time.isValid ? `UTC${time.toFormat('ZZ')}` : '';
}

/**
 * Picks an IANA time zone by typing part of its name ("berl", "new_y", "tokyo"); each zone
 * shows its current offset.
 *
 * @internal
 */
export function TimeZonePicker(props: {
  id: string;
  value: string;
  onChange: (timeZone: string) => void;
  error?: string;
  helperText?: string;
}) {
  const now = useMemo(() => new Date(), []);
  const options = useMemo(() => {
    const all = supportedTimeZones();
    return props.value && !all.includes(props.value)
      ? [props.value, ...all]
      : all;
  }, [props.value]);
  return (
    <Autocomplete<string, false, true, false>
      id={props.id}
      options={options}
      value={props.value}
      disableClearable
      autoHighlight
      onChange={(_event, zone) => zone && props.onChange(zone)}
      filterOptions={(list, state) => {
        const text = state.inputValue
          .trim()
          .toLocaleLowerCase('en-US')
          .replace(/ /g, '_');
        // The whole list when the input still shows the chosen zone.
        if (!text || state.inputValue === props.value) {
          return list;
        }
        return list.filter(zone =>
          zone.toLocaleLowerCase('en-US').includes(text),
        );
      }}
      renderOption={zone => (
        <Typography variant="body2">
          {zone.replace(/_/g, ' ')}{' '}
          <Typography component="span" variant="caption" color="textSecondary">
            {offsetOf(zone, now)}
          </Typography>
        </Typography>
      )}
      renderInput={params => (
        <TextField
          {...params}
          label="Time zone"
          error={!!props.error}
          helperText={props.error ?? props.helperText}
          fullWidth
        />
      )}
    />
  );
}
