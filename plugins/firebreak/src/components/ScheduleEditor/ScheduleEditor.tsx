import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  Schedule,
  ScheduleLayer,
  ScheduleProblem,
  findScheduleProblems,
} from '@firebreak/backstage-plugin-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { useMemo } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { viewerTimeZone } from '../../oncall/formatTimes';
import { useNow } from '../../oncall/useNow';
import { usePersonNames } from '../../oncall/usePersonNames';
import { scheduleRouteRef } from '../../routes';
import {
  EditorFooter,
  EditorPage,
  EditorPageLayout,
  EditorWording,
  NameAndOwnerFields,
  OrderedItemList,
  useDraftForm,
  useEditorPage,
  useNewOwnerRef,
  useOwnerAccess,
} from '../EditorForm';
import {
  ScheduleTimeline,
  finalRow,
  layerRows,
  overrideRows,
  peopleOf,
  previewFinalShifts,
  timelineRange,
} from '../ScheduleTimeline';
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

/** The draft as the API takes it: names trimmed, every-day restrictions without a day list. */
function cleanDraft(draft: ScheduleDraft): ScheduleDraft {
  return {
    ...draft,
    name: draft.name.trim(),
    layers: cleanLayers(draft.layers),
  };
}

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
  page: EditorPage<ScheduleDraft>;
  initial: ScheduleDraft;
  schedule?: Schedule;
}) {
  const { page, schedule } = props;
  const form = useDraftForm({
    page,
    initial: props.initial,
    findProblems: findDraftProblems,
    clean: cleanDraft,
  });
  const { draft, update, problems, showProblems, submit } = form;
  const nameOf = usePersonNames(peopleOf(draft));
  const ownerAccess = useOwnerAccess({
    item: schedule,
    ownerRef: draft.ownerRef,
  });

  return (
    <form onSubmit={submit}>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Schedule">
            <Grid container spacing={2}>
              <NameAndOwnerFields
                idPrefix="firebreak-schedule"
                form={form}
                nameHint='Such as "Payments primary"'
                ownerHint="Its members may change the schedule"
                ownerAccess={ownerAccess}
              />
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
          <OrderedItemList
            items={draft.layers}
            onChange={layers => update({ layers })}
            renderItem={(layer, place) => (
              <LayerEditor
                {...place}
                layer={layer}
                timeZone={draft.timeZone}
                problems={problems}
                showProblems={showProblems}
                nameOf={nameOf}
              />
            )}
            addLabel="Add a layer"
            newItem={() => newLayer(draft.layers.length, draft.timeZone)}
          />
        </Grid>
        <Grid item xs={12}>
          <EditorFooter page={page} form={form} ownerAccess={ownerAccess} />
        </Grid>
      </Grid>
    </form>
  );
}

const WORDING: EditorWording = {
  noun: 'schedule',
  newTitle: 'New on-call schedule',
  createLabel: 'Create schedule',
  deleteLabel: 'Delete schedule',
  deleteWarning:
    'Escalation policies that page this schedule will skip it, and its calendar feed stops. This cannot be undone.',
  conflict:
    'Someone else changed this schedule while you were editing it — reloaded. Your changes were not saved: check the schedule as it is now and make them again.',
  mayNotUpdate: {
    notice:
      'You may look at this form, but not save it: only the team that owns the schedule may change it.',
    beside: 'Only the team that owns this schedule may save it.',
  },
};

/**
 * `/firebreak/oncall/schedules/new` and `/firebreak/oncall/schedules/:id/edit`: the schedule
 * form with a live preview of the next two weeks.
 *
 * @internal
 */
export function ScheduleEditorPage() {
  const { id } = useParams();
  const api = useApi(firebreakApiRef);
  const scheduleLink = useRouteRef(scheduleRouteRef);
  const loaded = useAsyncRetry(
    async () => (id ? api.getSchedule(id) : undefined),
    [api, id],
  );
  const schedule = loaded.value;
  const owner = useNewOwnerRef();
  const page = useEditorPage<ScheduleDraft>({
    wording: WORDING,
    resourceType: 'schedule',
    item: schedule,
    backend: {
      create: draft => api.createSchedule(draft),
      update: (scheduleId, request) => api.updateSchedule(scheduleId, request),
      remove: scheduleId => api.deleteSchedule(scheduleId),
    },
    reload: loaded.retry,
    itemLink: scheduleId => scheduleLink({ id: scheduleId }),
  });

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

  return (
    <EditorPageLayout page={page}>
      <ScheduleForm
        // A reloaded schedule (after a conflict) starts the form again from what it is now.
        key={page.formKey}
        page={page}
        initial={initial}
        schedule={schedule}
      />
    </EditorPageLayout>
  );
}
