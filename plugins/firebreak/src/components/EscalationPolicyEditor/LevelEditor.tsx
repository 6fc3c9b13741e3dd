import { EscalationLevel, Schedule } from '@firebreak/backstage-plugin-common';
import Chip from '@material-ui/core/Chip';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import EventIcon from '@material-ui/icons/Event';
import PersonIcon from '@material-ui/icons/Person';
import { useState } from 'react';
import { TargetOnCall } from '../../oncall/levelOnCall';
import { FieldProblems } from '../../oncall/problems';
import { UserPicker } from '../CatalogEntityPicker';
import { OrderedItemCard, OrderedItemProps } from '../EditorForm';
import { LevelTargets } from '../EscalationPolicyPage';

const useStyles = makeStyles(theme => ({
  chips: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
}));

/**
 * Edits one level of an escalation policy: its targets (schedules and people) and how long it
 * waits for an acknowledgement; shows whom it reaches now.
 *
 * @internal
 */
export function LevelEditor(
  props: OrderedItemProps & {
    level: EscalationLevel;
    schedules: Schedule[];
    onCallNow: TargetOnCall[];
    problems: FieldProblems;
    showProblems: boolean;
    nameOf: (ref: string) => string;
    scheduleNameOf: (id: string) => string;
    onChange: (level: EscalationLevel) => void;
  },
) {
  const { level, index, count, problems, nameOf } = props;
  const classes = useStyles();
  const field = `levels[${index}]`;
  const show = (name: string) =>
    props.showProblems ? problems.at(`${field}${name}`) : undefined;
  const levelName = `Level ${index + 1}`;
  const [pickerKey, setPickerKey] = useState(0);
  const change = (changes: Partial<EscalationLevel>) =>
    props.onChange({ ...level, ...changes });
  const targeted = (type: string, ref: string) =>
    level.targets.some(t => t.type === type && t.ref === ref);
  const freeSchedules = props.schedules.filter(
    s => !targeted('schedule', s.id),
  );

  return (
    <OrderedItemCard name={levelName} position={props}>
      <Grid container spacing={2}>
        <Grid item xs={12} md={7}>
          <Typography variant="subtitle2" gutterBottom>
            Pages
          </Typography>
          <div className={classes.chips}>
            {level.targets.map((target, t) => {
              const label =
                target.type === 'schedule'
                  ? `${props.scheduleNameOf(target.ref)} (schedule)`
                  : nameOf(target.ref);
              const problem = show(`.targets[${t}].ref`);
              return (
                <Chip
                  key={`${target.type}:${target.ref}`}
                  icon={
                    target.type === 'schedule' ? <EventIcon /> : <PersonIcon />
                  }
                  label={problem ? `${label}: ${problem}` : label}
                  color={problem ? 'secondary' : 'default'}
                  onDelete={() =>
                    change({
                      targets: level.targets.filter((_x, i) => i !== t),
                    })
                  }
                  deleteIcon={<CancelIcon titleAccess={`Remove ${label}`} />}
                />
              );
            })}
          </div>
          {show('.targets') && (
            <FormHelperText error>Pages: {show('.targets')}</FormHelperText>
          )}
          <Grid container spacing={2}>
            <Grid item xs={12} sm={6}>
              <TextField
                id={`firebreak-level-${index}-schedule`}
                select
                label={`Add a schedule to ${levelName}`}
                value=""
                onChange={e =>
                  change({
                    targets: [
                      ...level.targets,
                      { type: 'schedule', ref: e.target.value },
                    ],
                  })
                }
                helperText="Pages whoever is on call in it"
                disabled={freeSchedules.length === 0}
                fullWidth
              >
                {freeSchedules.map(schedule => (
                  <MenuItem key={schedule.id} value={schedule.id}>
                    {schedule.name}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={12} sm={6}>
              <UserPicker
                key={pickerKey}
                id={`firebreak-level-${index}-person`}
                label={`Add a person to ${levelName}`}
                onChange={ref => {
                  if (!targeted('user', ref)) {
                    change({
                      targets: [...level.targets, { type: 'user', ref }],
                    });
                  }
                  setPickerKey(key => key + 1);
                }}
                helperText="Pages this person, on call or not"
              />
            </Grid>
          </Grid>
        </Grid>
        <Grid item xs={12} md={5}>
          <TextField
            id={`firebreak-level-${index}-timeout`}
            label="Acknowledgement timeout (minutes)"
            type="number"
            value={
              Number.isNaN(level.ackTimeoutMinutes)
                ? ''
                : level.ackTimeoutMinutes
            }
            onChange={e =>
              change({
                ackTimeoutMinutes:
                  e.target.value === '' ? NaN : Number(e.target.value),
              })
            }
            inputProps={{ min: 1, max: 1440, step: 1 }}
            error={!!show('.ackTimeoutMinutes')}
            helperText={
              show('.ackTimeoutMinutes') ??
              (index < count - 1
                ? `Then level ${index + 2} is paged`
                : 'Then the policy repeats or stops')
            }
            fullWidth
          />
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            Would page now
          </Typography>
          {level.targets.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              Nobody yet
            </Typography>
          ) : (
            <LevelTargets targets={props.onCallNow} nameOf={nameOf} />
          )}
        </Grid>
      </Grid>
    </OrderedItemCard>
  );
}
