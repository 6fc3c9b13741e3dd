import {
  Content,
  Header,
  InfoCard,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Schedule,
  ScheduleLayer,
  ScheduleProblem,
  findScheduleProblems,
  firebreakOnCallCreatePermission,
  firebreakOnCallUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { viewerTimeZone } from '../../oncall/formatTimes';
import { indexProblems, problemFromMessage } from '../../oncall/problems';
import { useNow } from '../../oncall/useNow';
import { normalizeRef, usePersonNames } from '../../oncall/usePersonNames';
import { onCallRouteRef, scheduleRouteRef } from '../../routes';
import { GroupPicker } from '../CatalogEntityPicker';
import {
  ScheduleTimeline,
  finalRow,
  layerRows,
  overrideRows,
  peopleOf,
  previewFinalShifts,
  timelineRange,
} from '../ScheduleTimeline';
import { describeField } from './describeField';
import { LayerEditor } from './LayerEditor';
import { TimeZonePicker } from './TimeZonePicker';

/**
 * What the schedule form edits.
 *
 * @internal
 */
export interface ScheduleDraft {
  name: string;
  ownerRef: string;
  timeZone: string;
  layers: ScheduleLayer[];
}

const useStyles = makeStyles(theme => ({
  // The preview stays in view while the layers below it are edited.
  preview: {
    position: 'sticky',
    top: 0,
    zIndex: 2,
    '& > *': { boxShadow: theme.shadows[4] },
  },
  layers: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
  },
  grow: { flexGrow: 1 },
  summary: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

/** This week's Monday at 09:00 in a zone, as a handoff: a sensible first guess. */
function defaultHandoff(timeZone: string): string {
  const monday = DateTime.now()
    .setZone(timeZone)
    .startOf('week')
    .set({ hour: 9 });
  return (monday.isValid ? monday : DateTime.now().startOf('week')).toFormat(
    "yyyy-LL-dd'T'HH:mm",
  );
}

function newLayer(index: number, timeZone: string): ScheduleLayer {
  return {
    name: index === 0 ? 'Weekly rotation' : `Layer ${index + 1}`,
    participants: [],
    rotation: { type: 'weekly', handoff: defaultHandoff(timeZone) },
  };
}

/** The layers as the API takes them: every-day restrictions without a day list. */
function cleanLayers(layers: ScheduleLayer[]): ScheduleLayer[] {
  return layers.map(layer => ({
    ...layer,
    name: layer.name.trim(),
    rotation:
      layer.rotation.type === 'hours'
        ? layer.rotation
        : { type: layer.rotation.type, handoff: layer.rotation.handoff },
    restrictions: layer.restrictions?.map(restriction =>
      restriction.daysOfWeek?.length === 7
        ? { start: restriction.start, end: restriction.end }
        : restriction,
    ),
  }));
}

/**
 * Everything wrong with a draft: the schedule rules of -common, and a name and owner.
 *
 * @internal
 */
export function findDraftProblems(draft: ScheduleDraft): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!draft.name.trim()) {
    problems.push({ field: 'name', message: 'must not be empty' });
  }
  if (!draft.ownerRef) {
    problems.push({
      field: 'ownerRef',
      message: 'pick the team that owns the schedule',
    });
  }
  return [...problems, ...findScheduleProblems(draft)];
}

function SchedulePreview(props: {
  draft: ScheduleDraft;
  schedule?: Schedule;
  nameOf: (ref: string) => string;
}) {
  const { draft, schedule, nameOf } = props;
  const classes = useStyles();
  const now = useNow();
  const today = DateTime.fromJSDate(now).toISODate();
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const { from, to } = useMemo(() => timelineRange(now, 2), [today]);
  const overrides = useMemo(() => schedule?.overrides ?? [], [schedule]);
  const rows = useMemo(() => {
    const zoneProblem = findScheduleProblems({
      timeZone: draft.timeZone,
      layers: [],
    }).some(p => p.field === 'timeZone');
    if (zoneProblem) {
      return [finalRow([], 'Pick a time zone to see the preview')];
    }
    const final = previewFinalShifts(
      { timeZone: draft.timeZone, layers: draft.layers, overrides },
      from,
      to,
    );
    return [
      finalRow(
        final ?? [],
        final ? undefined : 'Fix the problems below to see who is paged',
      ),
      ...layerRows(draft, from, to),
      ...overrideRows(overrides, from, to),
    ];
  }, [draft, overrides, from, to]);

  return (
    <div className={classes.preview}>
      <InfoCard
        title="Preview: the next 2 weeks"
        titleTypographyProps={{ variant: 'h6' }}
      >
        <ScheduleTimeline
          title="Preview of the next 2 weeks"
          rows={rows}
          from={from}
          to={to}
          now={now}
          people={peopleOf({ layers: draft.layers, overrides })}
          nameOf={nameOf}
        />
        <Typography variant="caption" color="textSecondary" component="p">
          Computed as you edit, in your time zone ({viewerTimeZone()}); nothing
          is saved until you press Save.
        </Typography>
      </InfoCard>
    </div>
  );
}

function ScheduleForm(props: {
  initial: ScheduleDraft;
  schedule?: Schedule;
  allowed: boolean;
  onSave: (draft: ScheduleDraft) => Promise<ScheduleProblem | undefined>;
  onDelete?: () => Promise<void>;
  cancelLink: string;
}) {
  const { schedule } = props;
  const classes = useStyles();
  const [draft, setDraft] = useState(props.initial);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverProblem, setServerProblem] = useState<ScheduleProblem>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const problemList = findDraftProblems(draft);
  const problems = indexProblems(
    serverProblem ? [serverProblem, ...problemList] : problemList,
  );
  // A new form does not greet people with errors; an edited one shows them at once.
  const showProblems = dirty || !!schedule || !!serverProblem;
  const nameOf = usePersonNames(peopleOf(draft));

  const update = (changes: Partial<ScheduleDraft>) => {
    setDraft(previous => ({ ...previous, ...changes }));
    setDirty(true);
    setServerProblem(undefined);
  };
  const updateLayer = (index: number, layer: ScheduleLayer) =>
    update({ layers: draft.layers.map((l, i) => (i === index ? layer : l)) });

  const save = async () => {
    setBusy(true);
    try {
      setServerProblem(
        await props.onSave({
          ...draft,
          name: draft.name.trim(),
          layers: cleanLayers(draft.layers),
        }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={e => {
        e.preventDefault();
        save();
      }}
    >
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Schedule">
            <Grid container spacing={2}>
              <Grid item xs={12} md={4}>
                <TextField
                  id="firebreak-schedule-name"
                  label="Name"
                  value={draft.name}
                  onChange={e => update({ name: e.target.value })}
                  error={showProblems && !!problems.at('name')}
                  helperText={
                    (showProblems && problems.at('name')) ||
                    'Such as "Payments primary"'
                  }
                  fullWidth
                />
              </Grid>
              <Grid item xs={12} md={4}>
                <GroupPicker
                  id="firebreak-schedule-owner"
                  label="Owner team"
                  value={draft.ownerRef || undefined}
                  onChange={ownerRef => update({ ownerRef })}
                  error={showProblems && !!problems.at('ownerRef')}
                  helperText={
                    (showProblems && problems.at('ownerRef')) ||
                    'Its members may change the schedule'
                  }
                />
              </Grid>
              <Grid item xs={12} md={4}>
                <TimeZonePicker
                  id="firebreak-schedule-time-zone"
                  value={draft.timeZone}
                  onChange={timeZone => update({ timeZone })}
                  error={showProblems ? problems.at('timeZone') : undefined}
                  helperText="Handoffs and windows are read in this zone, across daylight saving changes"
                />
              </Grid>
            </Grid>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <SchedulePreview draft={draft} schedule={schedule} nameOf={nameOf} />
          <Typography variant="h5" component="h2" style={{ marginTop: 24 }}>
            Layers
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Each layer is a rotation. Where two layers both have someone on
            call, the later layer (further down this list) wins: put a 24/7
            rotation first and an office-hours layer after it to take the
            working days. Overrides win over every layer.
          </Typography>
          {showProblems && problems.at('layers') && (
            <Alert severity="error" style={{ marginBottom: 16 }}>
              Layers: {problems.at('layers')}
            </Alert>
          )}
          <div className={classes.layers}>
            {draft.layers.map((layer, index) => (
              <LayerEditor
                // Layers have no id; the position is what the user sees too.
                key={index}
                layer={layer}
                index={index}
                count={draft.layers.length}
                timeZone={draft.timeZone}
                problems={problems}
                showProblems={showProblems}
                nameOf={nameOf}
                onChange={changed => updateLayer(index, changed)}
                onMove={to => {
                  const layers = [...draft.layers];
                  const [moved] = layers.splice(index, 1);
                  layers.splice(to, 0, moved);
                  update({ layers });
                }}
                onRemove={() =>
                  update({
                    layers: draft.layers.filter((_l, i) => i !== index),
                  })
                }
              />
            ))}
          </div>
          <Button
            color="primary"
            startIcon={<AddIcon />}
            style={{ marginTop: 16 }}
            onClick={() =>
              update({
                layers: [
                  ...draft.layers,
                  newLayer(draft.layers.length, draft.timeZone),
                ],
              })
            }
          >
            Add a layer
          </Button>
        </Grid>
        <Grid item xs={12}>
          <div className={classes.footer}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={!props.allowed || busy || problems.all.length > 0}
            >
              {schedule ? 'Save' : 'Create schedule'}
            </Button>
            <LinkButton to={props.cancelLink}>Cancel</LinkButton>
            {!props.allowed && (
              <Typography variant="body2" color="textSecondary">
                {schedule
                  ? 'Only the team that owns this schedule may save it.'
                  : 'You may not create schedules.'}
              </Typography>
            )}
            {problems.all.length > 0 && (
              <div role="status" aria-label="What keeps this from saving">
                <Typography variant="body2">
                  To save, fix {problems.all.length === 1 ? 'this' : 'these'}:
                </Typography>
                <ul className={classes.summary}>
                  {problems.all.slice(0, 6).map(problem => (
                    <li key={`${problem.field}-${problem.message}`}>
                      <Typography variant="body2" color="error">
                        {describeField(problem.field)}: {problem.message}
                      </Typography>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <span className={classes.grow} />
            {props.onDelete && props.allowed && (
              <Button color="secondary" onClick={() => setConfirmDelete(true)}>
                Delete schedule
              </Button>
            )}
          </div>
        </Grid>
      </Grid>
      {props.onDelete && (
        <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)}>
          <DialogTitle>Delete {schedule?.name}?</DialogTitle>
          <DialogContent>
            <DialogContentText>
              Escalation policies that page this schedule will skip it, and its
              calendar feed stops. This cannot be undone.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirmDelete(false)}>Keep it</Button>
            <Button
              color="secondary"
              variant="contained"
              onClick={async () => {
                setConfirmDelete(false);
                await props.onDelete?.();
              }}
            >
              Delete
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </form>
  );
}

const CONFLICT_MESSAGE =
  'Someone else changed this schedule while you were editing it — reloaded. Your changes were not saved: check the schedule as it is now and make them again.';

/**
 * `/firebreak/oncall/schedules/new` and `/firebreak/oncall/schedules/:id/edit`: the schedule
 * form with a live preview of the next two weeks.
 *
 * @internal
 */
export function ScheduleEditorPage() {
  const { id } = useParams();
  const api = useApi(firebreakApiRef);
  const identityApi = useApi(identityApiRef);
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const scheduleLink = useRouteRef(scheduleRouteRef);
  const onCallLink = useRouteRef(onCallRouteRef);
  const loaded = useAsyncRetry(
    async () => (id ? api.getSchedule(id) : undefined),
    [api, id],
  );
  const schedule = loaded.value;
  // A new schedule belongs to the team asked for, else the viewer's first team.
  const owner = useAsync(async () => {
    const asked = searchParams.get('owner');
    if (asked) {
      return normalizeRef(asked, 'group');
    }
    const identity = await identityApi.getBackstageIdentity();
    return (
      identity.ownershipEntityRefs
        .map(ref => normalizeRef(ref, 'group'))
        .find(ref => ref.startsWith('group:')) ?? ''
    );
  }, [identityApi, searchParams]);
  const { allowed: canUpdate } = usePermission({
    permission: firebreakOnCallUpdatePermission,
    resourceRef: schedule ? `schedule:${schedule.id}` : undefined,
  });
  const { allowed: canCreate } = usePermission({
    permission: firebreakOnCallCreatePermission,
  });
  const allowed = id ? canUpdate : canCreate;
  const [notice, setNotice] = useState<{
    severity: 'warning' | 'error';
    message: string;
  }>();

  if ((loaded.loading && !schedule) || (!id && owner.loading)) {
    return <Progress />;
  }
  if (loaded.error || (id && !schedule)) {
    return (
      <ResponseErrorPanel
        error={loaded.error ?? new Error(`No schedule ${id}`)}
      />
    );
  }

  const zone = viewerTimeZone();
  const initial: ScheduleDraft = schedule
    ? {
        name: schedule.name,
        ownerRef: schedule.ownerRef,
        timeZone: schedule.timeZone,
        layers: schedule.layers,
      }
    : {
        name: '',
        ownerRef: owner.value ?? '',
        timeZone: zone,
        layers: [newLayer(0, zone)],
      };

  const save = async (
    draft: ScheduleDraft,
  ): Promise<ScheduleProblem | undefined> => {
    setNotice(undefined);
    try {
      const saved = schedule
        ? await api.updateSchedule(schedule.id, {
            version: schedule.version,
            ...draft,
          })
        : await api.createSchedule(draft);
      navigate(scheduleLink({ id: saved.id }));
      return undefined;
    } catch (e) {
      if (schedule && isConflict(e)) {
        setNotice({ severity: 'warning', message: CONFLICT_MESSAGE });
        loaded.retry();
        return undefined;
      }
      const message = describeFailure(e);
      const problem = problemFromMessage(message);
      if (!problem) {
        setNotice({
          severity: 'error',
          message: `The schedule was not saved: ${message}`,
        });
      }
      return problem;
    }
  };

  return (
    <Page themeId="tool">
      <Header
        title={schedule ? `Edit ${schedule.name}` : 'New on-call schedule'}
        type="On-call"
        typeLink={onCallLink()}
      />
      <Content>
        {notice && (
          <Alert
            severity={notice.severity}
            onClose={() => setNotice(undefined)}
            style={{ marginBottom: 24 }}
          >
            {notice.message}
          </Alert>
        )}
        {!allowed && (
          <Alert severity="info" style={{ marginBottom: 24 }}>
            {schedule
              ? 'You may look at this form, but not save it: only the team that owns the schedule may change it.'
              : 'You may not create on-call schedules.'}
          </Alert>
        )}
        <ScheduleForm
          // A reloaded schedule (after a conflict) starts the form again from what it is now.
          key={schedule ? `${schedule.id}@${schedule.version}` : 'new'}
          initial={initial}
          schedule={schedule}
          allowed={allowed}
          onSave={save}
          onDelete={
            schedule
              ? async () => {
                  try {
                    await api.deleteSchedule(schedule.id);
                    navigate(onCallLink());
                  } catch (e) {
                    setNotice({
                      severity: 'error',
                      message: `The schedule was not deleted: ${describeFailure(
                        e,
                      )}`,
                    });
                  }
                }
              : undefined
          }
          cancelLink={
            schedule ? scheduleLink({ id: schedule.id }) : onCallLink()
          }
        />
      </Content>
    </Page>
  );
}
