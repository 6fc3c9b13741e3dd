import { InfoCard } from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Schedule,
  findOverrideProblems,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import DeleteIcon from '@material-ui/icons/Delete';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import {
  formatSpan,
  fromLocalInputValue,
  toLocalInputValue,
  viewerTimeZone,
} from '../../oncall/formatTimes';
import { indexProblems } from '../../oncall/problems';
import { UserPicker } from '../CatalogEntityPicker';

/**
 * The overrides of a schedule that have not ended, and a form to add one; people who may
 * change the schedule can add and remove them.
 *
 * @internal
 */
export function OverridesCard(props: {
  schedule: Schedule;
  canUpdate: boolean;
  nameOf: (ref: string) => string;
  /** Suggested span for a new override: usually the current shift. */
  suggested: { start: Date; end: Date };
  onAdd: (override: {
    userRef: string;
    start: string;
    end: string;
  }) => Promise<boolean>;
  onRemove: (overrideId: string) => Promise<void>;
}) {
  const { schedule, canUpdate, nameOf } = props;
  const identityApi = useApi(identityApiRef);
  const me = useAsync(
    async () =>
      (
        await identityApi.getBackstageIdentity()
      ).userEntityRef.toLocaleLowerCase('en-US'),
    [identityApi],
  );
  const [userRef, setUserRef] = useState<string>();
  const [start, setStart] = useState(() =>
    toLocalInputValue(props.suggested.start),
  );
  const [end, setEnd] = useState(() => toLocalInputValue(props.suggested.end));
  const [busy, setBusy] = useState(false);
  // A fresh picker after each override added.
  const [pickerKey, setPickerKey] = useState(0);

  const startIso = fromLocalInputValue(start);
  const endIso = fromLocalInputValue(end);
  const problems = indexProblems(
    findOverrideProblems({
      userRef: userRef ?? '',
      start: startIso ?? '',
      end: endIso ?? '',
    }),
  );
  const overrides = [...schedule.overrides].sort(
    (a, b) => Date.parse(a.start) - Date.parse(b.start),
  );

  const add = async () => {
    if (!userRef || !startIso || !endIso) {
      return;
    }
    setBusy(true);
    try {
      if (await props.onAdd({ userRef, start: startIso, end: endIso })) {
        setUserRef(undefined);
        setPickerKey(key => key + 1);
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <InfoCard
      title="Overrides"
      subheader="Someone covering a stretch of the schedule: overrides win over every layer"
    >
      {overrides.length === 0 ? (
        <Typography variant="body2" color="textSecondary" paragraph>
          No overrides coming up.
        </Typography>
      ) : (
        <List dense disablePadding>
          {overrides.map(override => (
            <ListItem key={override.id} divider disableGutters>
              <ListItemText
                primary={`${nameOf(override.userRef)} covers ${formatSpan(
                  override.start,
                  override.end,
                )}`}
                secondary={`Added by ${nameOf(override.createdBy)}`}
              />
              {canUpdate && (
                <ListItemSecondaryAction>
                  <IconButton
                    edge="end"
                    aria-label={`Remove the override of ${nameOf(
                      override.userRef,
                    )} from ${formatSpan(override.start, override.end)}`}
                    title="Remove this override"
                    onClick={() => props.onRemove(override.id)}
                  >
                    <DeleteIcon />
                  </IconButton>
                </ListItemSecondaryAction>
              )}
            </ListItem>
          ))}
        </List>
      )}
      {canUpdate && (
        <form
          onSubmit={e => {
            e.preventDefault();
            add();
          }}
        >
          <Typography
            variant="subtitle2"
            component="h3"
            style={{ marginTop: 24, marginBottom: 8 }}
          >
            Add an override
          </Typography>
          <Grid container spacing={2} alignItems="flex-start">
            <Grid item xs={12} md={4}>
              <UserPicker
                key={pickerKey}
                id="firebreak-override-user"
                label="Who covers"
                value={userRef}
                onChange={setUserRef}
                helperText={
                  userRef ? problems.at('userRef') : 'Pick a person, or:'
                }
              />
              <Button
                size="small"
                color="primary"
                disabled={!me.value}
                onClick={() => me.value && setUserRef(me.value)}
              >
                I'll cover
              </Button>
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <TextField
                id="firebreak-override-start"
                label="From"
                type="datetime-local"
                value={start}
                onChange={e => setStart(e.target.value)}
                InputLabelProps={{ shrink: true }}
                error={!!problems.at('start')}
                helperText={
                  problems.at('start') ?? `Your time (${viewerTimeZone()})`
                }
                fullWidth
              />
            </Grid>
            <Grid item xs={12} sm={6} md={3}>
              <TextField
                id="firebreak-override-end"
                label="Until"
                type="datetime-local"
                value={end}
                onChange={e => setEnd(e.target.value)}
                InputLabelProps={{ shrink: true }}
                error={!!problems.at('end')}
                helperText={
                  problems.at('end') ?? `Your time (${viewerTimeZone()})`
                }
                fullWidth
              />
            </Grid>
            <Grid item xs={12} md={2}>
              <Button
                type="submit"
                variant="contained"
                color="primary"
                disabled={busy || problems.all.length > 0}
                style={{ marginTop: 12 }}
              >
                Add override
              </Button>
            </Grid>
          </Grid>
        </form>
      )}
    </InfoCard>
  );
}
