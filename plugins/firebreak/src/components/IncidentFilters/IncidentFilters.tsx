import { useApi } from '@backstage/core-plugin-api';
import {
  INCIDENT_STATUSES,
  IncidentStatus,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useId } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { IncidentFilterValues, isBackwardsRange } from './useIncidentFilters';

/**
 * The filter bar over an incident history: status, severity, declared from / to (days) and
 * text, with a button that clears them all.
 *
 * @internal
 */
export function IncidentFilters(props: {
  values: IncidentFilterValues;
  onChange: (changes: Partial<IncidentFilterValues>) => void;
  onClear: () => void;
  /** Whether any filter is set: only then is there something to clear. */
  active: boolean;
  searchLabel?: string;
}) {
  const { values, onChange } = props;
  const api = useApi(firebreakApiRef);
  const settings = useAsync(() => api.getSettings(), [api]);
  const severities = settings.value?.severities.map(level => level.id) ?? [];
  // Keep a severity from the address selectable even before (or without) the settings.
  if (values.severity && !severities.includes(values.severity)) {
    severities.push(values.severity);
  }
  const backwards = isBackwardsRange(values);
  const id = useId();

  return (
    <Grid container spacing={2} alignItems="flex-end">
      <Grid item>
        <TextField
          select
          id={`${id}-status`}
          InputLabelProps={{ shrink: true }}
          SelectProps={{ displayEmpty: true }}
          label="Status"
          value={values.status}
          onChange={e =>
            onChange({ status: e.target.value as IncidentStatus | '' })
          }
          style={{ minWidth: 150 }}
        >
          <MenuItem value="">Any</MenuItem>
          {INCIDENT_STATUSES.map(status => (
            <MenuItem key={status} value={status}>
              {status}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item>
        <TextField
          select
          id={`${id}-severity`}
          InputLabelProps={{ shrink: true }}
          SelectProps={{ displayEmpty: true }}
          label="Severity"
          value={values.severity}
          onChange={e => onChange({ severity: e.target.value })}
          style={{ minWidth: 120 }}
        >
          <MenuItem value="">Any</MenuItem>
          {severities.map(severity => (
            <MenuItem key={severity} value={severity}>
              {severity}
            </MenuItem>
          ))}
        </TextField>
      </Grid>
      <Grid item>
        <TextField
          type="date"
          id={`${id}-from`}
          label="Declared from"
          value={values.from}
          onChange={e => onChange({ from: e.target.value })}
          InputLabelProps={{ shrink: true }}
          inputProps={{ max: values.to || undefined }}
        />
      </Grid>
      <Grid item>
        <TextField
          type="date"
          id={`${id}-to`}
          label="Declared to"
          value={values.to}
          onChange={e => onChange({ to: e.target.value })}
          InputLabelProps={{ shrink: true }}
          inputProps={{ min: values.from || undefined }}
          error={backwards}
          helperText={backwards ? 'Before the "from" day' : undefined}
        />
      </Grid>
      <Grid item xs style={{ minWidth: 200 }}>
        <TextField
          id={`${id}-q`}
          label={props.searchLabel ?? 'Search titles, or a ref such as INC-42'}
          value={values.q}
          onChange={e => onChange({ q: e.target.value })}
          fullWidth
        />
      </Grid>
      {props.active && (
        <Grid item>
          <Button onClick={props.onClear}>Clear filters</Button>
        </Grid>
      )}
    </Grid>
  );
}
