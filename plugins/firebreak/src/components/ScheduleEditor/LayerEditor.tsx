import {
  LayerRestriction,
  MAX_ROTATION_HOURS,
  RotationType,
  ScheduleLayer,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import CloseIcon from '@material-ui/icons/Close';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { useState } from 'react';
import { FieldProblems } from '../../oncall/problems';
import { UserPicker } from '../CatalogEntityPicker';
import { OrderedItemCard, OrderedItemProps, moveItem } from '../EditorForm';

const WEEKDAYS = [
  { day: 1, short: 'Mon', name: 'Monday' },
  { day: 2, short: 'Tue', name: 'Tuesday' },
  { day: 3, short: 'Wed', name: 'Wednesday' },
  { day: 4, short: 'Thu', name: 'Thursday' },
  { day: 5, short: 'Fri', name: 'Friday' },
  { day: 6, short: 'Sat', name: 'Saturday' },
  { day: 7, short: 'Sun', name: 'Sunday' },
];

const ROTATION_LABELS: Record<RotationType, string> = {
  daily: 'Daily',
  weekly: 'Weekly',
  hours: 'Every N hours',
};

const useStyles = makeStyles(theme => ({
  position: {
    minWidth: 28,
    color: theme.palette.text.secondary,
    fontWeight: 600,
  },
  participant: { paddingTop: 0, paddingBottom: 0 },
  restriction: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
    marginTop: theme.spacing(1),
  },
  time: { width: 130 },
  day: {
    '&$daySelected': {
      color: theme.palette.primary.contrastText,
      backgroundColor: theme.palette.primary.main,
    },
    '&$daySelected:hover': { backgroundColor: theme.palette.primary.dark },
  },
  daySelected: {},
}));

function RestrictionEditor(props: {
  restriction: LayerRestriction;
  field: string;
  problems: FieldProblems;
  showProblems: boolean;
  label: string;
  onChange: (restriction: LayerRestriction) => void;
  onRemove: () => void;
}) {
  const { restriction, field, problems, label } = props;
  const classes = useStyles();
  const show = (name: string) =>
    props.showProblems ? problems.at(`${field}.${name}`) : undefined;
  const days = restriction.daysOfWeek ?? WEEKDAYS.map(d => d.day);
  return (
    <div className={classes.restriction} role="group" aria-label={label}>
      <div>
        <ToggleButtonGroup
          size="small"
          value={days}
          onChange={(_e, value: number[]) =>
            props.onChange({
              ...restriction,
              daysOfWeek: [...value].sort((a, b) => a - b),
            })
          }
          aria-label={`${label}: days`}
        >
          {WEEKDAYS.map(d => (
            <ToggleButton
              key={d.day}
              value={d.day}
              classes={{ root: classes.day, selected: classes.daySelected }}
              aria-label={d.name}
              title={d.name}
            >
              {d.short}
            </ToggleButton>
          ))}
        </ToggleButtonGroup>
        {show('daysOfWeek') && (
          <FormHelperText error>Days: {show('daysOfWeek')}</FormHelperText>
        )}
      </div>
      <TextField
        label="From"
        type="time"
        size="small"
        className={classes.time}
        value={restriction.start}
        onChange={e =>
          props.onChange({ ...restriction, start: e.target.value })
        }
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'aria-label': `${label}: from` }}
        error={!!show('start')}
        helperText={show('start')}
      />
      <TextField
        label="Until"
        type="time"
        size="small"
        className={classes.time}
        value={restriction.end}
        onChange={e => props.onChange({ ...restriction, end: e.target.value })}
        InputLabelProps={{ shrink: true }}
        inputProps={{ 'aria-label': `${label}: until` }}
        error={!!show('end')}
        helperText={show('end')}
      />
      <IconButton
        size="small"
        aria-label={`Remove ${label.toLocaleLowerCase('en-US')}`}
        title="Remove this window"
        onClick={props.onRemove}
      >
        <CloseIcon />
      </IconButton>
    </div>
  );
}

/**
 * Edits one layer of a schedule: its name, ordered participants, rotation and handoff, and
 * the windows it is restricted to. Problems show next to the fields they name.
 *
 * @internal
 */
export function LayerEditor(
  props: OrderedItemProps & {
    layer: ScheduleLayer;
    timeZone: string;
    problems: FieldProblems;
    showProblems: boolean;
    nameOf: (ref: string) => string;
    onChange: (layer: ScheduleLayer) => void;
  },
) {
  const { layer, index, count, problems, nameOf } = props;
  const classes = useStyles();
  const field = `layers[${index}]`;
  const show = (name: string) =>
    props.showProblems ? problems.at(`${field}${name}`) : undefined;
  const layerName = `Layer ${index + 1}`;
  // A fresh picker after each person added.
  const [pickerKey, setPickerKey] = useState(0);
  const change = (changes: Partial<ScheduleLayer>) =>
    props.onChange({ ...layer, ...changes });
  const changeRotation = (changes: Partial<ScheduleLayer['rotation']>) =>
    change({ rotation: { ...layer.rotation, ...changes } });
  const restrictions = layer.restrictions ?? [];

  return (
    <OrderedItemCard
      name={layerName}
      position={props}
      note={
        index === count - 1 &&
        count > 1 && (
          <Typography variant="caption" color="textSecondary">
            (wins over the layers above)
          </Typography>
        )
      }
      titles={{
        up: 'Move up: lose to the layers below it',
        down: 'Move down: win over the layers above it',
        remove: 'Remove this layer',
      }}
    >
      <Grid container spacing={2}>
        <Grid item xs={12} md={5}>
          <TextField
            id={`firebreak-layer-${index}-name`}
            label="Layer name"
            value={layer.name}
            onChange={e => change({ name: e.target.value })}
            error={!!show('.name')}
            helperText={
              show('.name') ?? 'Such as "Weekly rotation" or "Office hours"'
            }
            fullWidth
          />
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            People, in turn
          </Typography>
          {layer.participants.length > 0 && (
            <List dense disablePadding aria-label={`${layerName} people`}>
              {layer.participants.map((ref, p) => {
                const name = nameOf(ref);
                const problem = show(`.participants[${p}]`);
                return (
                  <ListItem
                    key={`${ref}-${p}`}
                    disableGutters
                    className={classes.participant}
                  >
                    <span className={classes.position}>{p + 1}.</span>
                    <ListItemText
                      primary={name}
                      secondary={problem}
                      secondaryTypographyProps={{ color: 'error' }}
                    />
                    <IconButton
                      size="small"
                      aria-label={`Move ${name} earlier`}
                      disabled={p === 0}
                      onClick={() =>
                        change({
                          participants: moveItem(layer.participants, p, p - 1),
                        })
                      }
                    >
                      <ArrowUpwardIcon fontSize="small" />
                    </IconButton>
                    <IconButton
                      size="small"
                      aria-label={`Move ${name} later`}
                      disabled={p === layer.participants.length - 1}
                      onClick={() =>
                        change({
                          participants: moveItem(layer.participants, p, p + 1),
                        })
                      }
                    >
                      <ArrowDownwardIcon fontSize="small" />
                    </IconButton>
                    <IconButton
                      size="small"
                      aria-label={`Remove ${name} from ${layerName}`}
                      onClick={() =>
                        change({
                          participants: layer.participants.filter(
                            (_r, i) => i !== p,
                          ),
                        })
                      }
                    >
                      <CloseIcon fontSize="small" />
                    </IconButton>
                  </ListItem>
                );
              })}
            </List>
          )}
          <UserPicker
            key={pickerKey}
            id={`firebreak-layer-${index}-add-person`}
            label={`Add a person to ${layerName}`}
            onChange={ref => {
              change({ participants: [...layer.participants, ref] });
              setPickerKey(key => key + 1);
            }}
            helperText="Search the catalog by name"
          />
          {show('.participants') && (
            <FormHelperText error>
              People: {show('.participants')}
            </FormHelperText>
          )}
        </Grid>
        <Grid item xs={12} md={7}>
          <Grid container spacing={2}>
            <Grid item xs={12} sm={layer.rotation.type === 'hours' ? 4 : 6}>
              <TextField
                id={`firebreak-layer-${index}-rotation`}
                select
                label="Shift length"
                value={layer.rotation.type}
                onChange={e => {
                  const type = e.target.value as RotationType;
                  changeRotation({
                    type,
                    hours:
                      type === 'hours' ? layer.rotation.hours ?? 12 : undefined,
                  });
                }}
                error={!!show('.rotation.type')}
                helperText={show('.rotation.type')}
                fullWidth
              >
                {(Object.keys(ROTATION_LABELS) as RotationType[]).map(type => (
                  <MenuItem key={type} value={type}>
                    {ROTATION_LABELS[type]}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            {layer.rotation.type === 'hours' && (
              <Grid item xs={12} sm={3}>
                <TextField
                  id={`firebreak-layer-${index}-hours`}
                  label="Hours"
                  type="number"
                  value={
                    layer.rotation.hours === undefined ||
                    Number.isNaN(layer.rotation.hours)
                      ? ''
                      : layer.rotation.hours
                  }
                  onChange={e =>
                    changeRotation({
                      hours:
                        e.target.value === ''
                          ? undefined
                          : Number(e.target.value),
                    })
                  }
                  inputProps={{ min: 1, max: MAX_ROTATION_HOURS, step: 1 }}
                  error={!!show('.rotation.hours')}
                  helperText={show('.rotation.hours')}
                  fullWidth
                />
              </Grid>
            )}
            <Grid item xs={12} sm={layer.rotation.type === 'hours' ? 5 : 6}>
              <TextField
                id={`firebreak-layer-${index}-handoff`}
                label="First handoff"
                type="datetime-local"
                value={layer.rotation.handoff}
                onChange={e => changeRotation({ handoff: e.target.value })}
                InputLabelProps={{ shrink: true }}
                error={!!show('.rotation.handoff')}
                helperText={
                  show('.rotation.handoff') ??
                  `${props.timeZone} time: the first person's shift starts here`
                }
                fullWidth
              />
            </Grid>
          </Grid>
          <Typography variant="subtitle2" style={{ marginTop: 16 }}>
            Restrictions
          </Typography>
          <Typography variant="caption" color="textSecondary" component="p">
            {restrictions.length === 0
              ? 'On call around the clock. Add a window to be on call only then, such as Mon–Fri 09:00–17:00.'
              : `On call only inside these windows (${props.timeZone} time). An end before the start runs past midnight.`}
          </Typography>
          {restrictions.map((restriction, r) => (
            <RestrictionEditor
              key={r}
              restriction={restriction}
              field={`${field}.restrictions[${r}]`}
              problems={problems}
              showProblems={props.showProblems}
              label={`${layerName} window ${r + 1}`}
              onChange={changed =>
                change({
                  restrictions: restrictions.map((old, i) =>
                    i === r ? changed : old,
                  ),
                })
              }
              onRemove={() => {
                const rest = restrictions.filter((_old, i) => i !== r);
                change({ restrictions: rest.length > 0 ? rest : undefined });
              }}
            />
          ))}
          <Button
            size="small"
            color="primary"
            startIcon={<AddIcon />}
            style={{ marginTop: 8 }}
            onClick={() =>
              change({
                restrictions: [
                  ...restrictions,
                  { daysOfWeek: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
                ],
              })
            }
          >
            Add a window
          </Button>
        </Grid>
      </Grid>
    </OrderedItemCard>
  );
}
