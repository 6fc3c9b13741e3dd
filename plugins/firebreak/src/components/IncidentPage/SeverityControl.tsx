import { Incident, SeverityLevel } from '@firebreak/backstage-plugin-common';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles({
  // Descriptions are sentences: let them wrap instead of widening the menu off screen.
  option: { whiteSpace: 'normal', maxWidth: 480 },
});

/**
 * Changes an incident's severity, saying what each level means.
 *
 * @internal
 */
export function SeverityControl(props: {
  incident: Incident;
  levels: SeverityLevel[];
  disabled: boolean;
  onChange: (severity: string) => void;
}) {
  const { incident } = props;
  const classes = useStyles();
  // Until settings load, or if the configuration dropped the level, still show the current one.
  const levels = props.levels.some(l => l.id === incident.severity)
    ? props.levels
    : [
        ...props.levels,
        {
          id: incident.severity,
          name: incident.severity,
          description: '',
          major: false,
          defaultImpact: incident.impact,
          defaultUrgency: incident.urgency,
        },
      ];
  const current = levels.find(l => l.id === incident.severity);
  return (
    <TextField
      select
      label="Severity"
      value={incident.severity}
      disabled={props.disabled}
      onChange={e => {
        if (e.target.value !== incident.severity) {
          props.onChange(e.target.value);
        }
      }}
      helperText={current?.description}
      fullWidth
      SelectProps={{
        inputProps: { 'aria-label': 'Severity' },
        renderValue: id => levels.find(l => l.id === id)?.name ?? String(id),
      }}
    >
      {levels.map(level => (
        <MenuItem key={level.id} value={level.id} className={classes.option}>
          <ListItemText primary={level.name} secondary={level.description} />
        </MenuItem>
      ))}
    </TextField>
  );
}
