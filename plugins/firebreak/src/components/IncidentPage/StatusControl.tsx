import {
  INCIDENT_STATUSES,
  Incident,
  IncidentStatus,
  describeStatusTransition,
} from '@firebreak/backstage-plugin-common';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';

/**
 * Changes an incident's status, offering only the transitions its current status allows.
 *
 * @internal
 */
export function StatusControl(props: {
  incident: Incident;
  disabled: boolean;
  /** Why the last change of status was refused, shown under the control. */
  problem?: string;
  onChange: (status: IncidentStatus) => void;
}) {
  const { incident, onChange } = props;
  return (
    <TextField
      select
      disabled={props.disabled}
      label="Status"
      value={incident.status}
      error={!!props.problem}
      helperText={props.problem}
      onChange={e => onChange(e.target.value as IncidentStatus)}
      SelectProps={{ inputProps: { 'aria-label': 'Status' } }}
      fullWidth
    >
      {INCIDENT_STATUSES.map(status => (
        <MenuItem
          key={status}
          value={status}
          disabled={
            status !== incident.status &&
            !describeStatusTransition(incident.status, status).allowed
          }
        >
          {status}
        </MenuItem>
      ))}
    </TextField>
  );
}
