import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Link,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  Schedule,
  findOnCall,
  firebreakOnCallUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import ButtonGroup from '@material-ui/core/ButtonGroup';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import EditIcon from '@material-ui/icons/Edit';
import Alert from '@material-ui/lab/Alert';
import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { DateTime } from 'luxon';
import { useMemo, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import {
  formatInstant,
  formatRelative,
  viewerTimeZone,
} from '../../oncall/formatTimes';
import { useNow } from '../../oncall/useNow';
import { OwnerHeaderLabel } from '../../oncall/OwnerHeaderLabel';
import { usePersonNames } from '../../oncall/usePersonNames';
import { editScheduleRouteRef, onCallRouteRef } from '../../routes';
import {
  ScheduleTimeline,
  finalRow,
  layerRows,
  overrideRows,
  peopleOf,
  timelineRange,
} from '../ScheduleTimeline';
import { CalendarFeedCard } from './CalendarFeedCard';
import { OverridesCard } from './OverridesCard';

const HOUR = 3_600_000;

const useStyles = makeStyles(theme => ({
  who: { fontWeight: 700, lineHeight: 1.2 },
  nobody: { color: theme.palette.warning.main, fontWeight: 700 },
  controls: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
    marginBottom: theme.spacing(2),
  },
  range: { fontWeight: 600, minWidth: 200 },
  grow: { flexGrow: 1 },
}));

/**
 * A sentence about the zones times are in: the viewer's, and the schedule's when it differs.
 *
 * @internal
 */
export function describeZones(scheduleZone: string): string {
  const mine = viewerTimeZone();
  return mine === scheduleZone
    ? `Times in ${mine}, the schedule's time zone.`
    : `Times in your time zone (${mine}); the schedule hands off in ${scheduleZone} time.`;
}

function OnCallNowCard(props: {
  schedule: Schedule;
  now: Date;
  nameOf: (ref: string) => string;
  editLink?: string;
}) {
  const { schedule, now, nameOf } = props;
  const classes = useStyles();
  const entityLink = useRouteRef(entityRouteRef);
  const { current, next } = findOnCall(schedule, now);
  const covering =
    current &&
    schedule.overrides.some(
      o =>
        o.userRef === current.userRef &&
        Date.parse(o.start) <= now.getTime() &&
        Date.parse(o.end) > now.getTime(),
    );
  return (
    <InfoCard title="On call now">
      <div role="region" aria-label="Who is on call now">
        {current ? (
          <>
            <Typography variant="h4" component="p" className={classes.who}>
              <Link
                to={entityLink(entityRouteParams(current.userRef))}
                color="inherit"
              >
                {nameOf(current.userRef)}
              </Link>
            </Typography>
            <Typography variant="body1">
              until {formatInstant(current.end)} (
              {formatRelative(current.end, now)})
              {covering && ' · covering by override'}
            </Typography>
          </>
        ) : (
          <Typography variant="h5" component="p" className={classes.nobody}>
            Nobody is on call now
          </Typography>
        )}
        {next && (
          <Typography variant="body2" color="textSecondary">
            Next: {nameOf(next.userRef)} from {formatInstant(next.start)}
          </Typography>
        )}
      </div>
      {props.editLink && (
        <LinkButton
          to={props.editLink}
          variant="outlined"
          color="primary"
          startIcon={<EditIcon />}
          style={{ marginTop: 16 }}
        >
          Edit schedule
        </LinkButton>
      )}
    </InfoCard>
  );
}

function TimelineCard(props: {
  schedule: Schedule;
  now: Date;
  nameOf: (ref: string) => string;
}) {
  const { schedule, now, nameOf } = props;
  const api = useApi(firebreakApiRef);
  const classes = useStyles();
  const [weeks, setWeeks] = useState(2);
  const [offsetWeeks, setOffsetWeeks] = useState(0);
  // The range moves with the viewer's day, not with every tick of the clock.
  const today = DateTime.fromJSDate(now).toISODate();
  const { from, to } = useMemo(
    () => timelineRange(now, weeks, offsetWeeks),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [today, weeks, offsetWeeks],
  );
  // What really pages comes from the backend: it knows overrides that have ended, too.
  const final = useAsync(
    () =>
      api.getScheduleShifts(schedule.id, from.toISOString(), to.toISOString()),
    [api, schedule, from, to],
  );
  let finalMessage: string | undefined;
  if (final.error) {
    finalMessage = `Cannot load the final schedule: ${describeFailure(
      final.error,
    )}`;
  } else if (!final.value) {
    finalMessage = 'Loading…';
  }
  const rows = [
    finalRow(final.value ?? [], finalMessage),
    ...layerRows(schedule, from, to),
    ...overrideRows(schedule.overrides, from, to),
  ];
  const lastDay = DateTime.fromJSDate(to).minus({ days: 1 });

  return (
    <InfoCard title="Calendar">
      <div className={classes.controls}>
        <ButtonGroup size="small" aria-label="Move the calendar">
          <Button onClick={() => setOffsetWeeks(o => o - weeks)}>
            ‹ Earlier
          </Button>
          <Button
            onClick={() => setOffsetWeeks(0)}
            disabled={offsetWeeks === 0}
          >
            Today
          </Button>
          <Button onClick={() => setOffsetWeeks(o => o + weeks)}>
            Later ›
          </Button>
        </ButtonGroup>
        <Typography variant="body1" className={classes.range}>
          {DateTime.fromJSDate(from).toLocaleString({
            weekday: 'short',
            month: 'short',
            day: 'numeric',
          })}{' '}
          –{' '}
          {lastDay.toLocaleString({
            weekday: 'short',
            month: 'short',
            day: 'numeric',
            year: 'numeric',
          })}
        </Typography>
        <span className={classes.grow} />
        <ToggleButtonGroup
          size="small"
          exclusive
          value={weeks}
          onChange={(_e, value) => value && setWeeks(value)}
          aria-label="How many weeks to show"
        >
          <ToggleButton value={2}>2 weeks</ToggleButton>
          <ToggleButton value={4}>4 weeks</ToggleButton>
        </ToggleButtonGroup>
      </div>
      <ScheduleTimeline
        title={`${schedule.name}, ${weeks} weeks`}
        rows={rows}
        from={from}
        to={to}
        now={now}
        people={peopleOf(schedule)}
        nameOf={nameOf}
      />
      <Typography
        variant="caption"
        color="textSecondary"
        component="p"
        style={{ marginTop: 8 }}
      >
        {describeZones(schedule.timeZone)} Later layers win over earlier ones;
        overrides win over every layer; “Final” is who is paged.
      </Typography>
    </InfoCard>
  );
}

/**
 * `/firebreak/oncall/schedules/:id`: who is on call now and until when, the schedule on a
 * calendar (each layer, the overrides and the final result), overrides, and the iCal feed.
 *
 * @internal
 */
export function SchedulePage() {
  const { id = '' } = useParams();
  const api = useApi(firebreakApiRef);
  const now = useNow();
  const onCallLink = useRouteRef(onCallRouteRef);
  const editLink = useRouteRef(editScheduleRouteRef);
  const state = useAsyncRetry(() => api.getSchedule(id), [api, id]);
  const schedule = state.value;
  const { allowed: canUpdate } = usePermission({
    permission: firebreakOnCallUpdatePermission,
    resourceRef: schedule ? `schedule:${schedule.id}` : undefined,
  });
  const nameOf = usePersonNames(
    schedule
      ? [...peopleOf(schedule), ...schedule.overrides.map(o => o.createdBy)]
      : [],
  );
  const [problem, setProblem] = useState<string>();

  if (state.loading && !schedule) {
    return <Progress />;
  }
  if (state.error || !schedule) {
    return (
      <ResponseErrorPanel error={state.error ?? new Error('No schedule')} />
    );
  }

  const { current } = findOnCall(schedule, now);
  const suggested = {
    start: new Date(Math.floor(now.getTime() / 60_000) * 60_000),
    end: current ? new Date(current.end) : new Date(now.getTime() + 12 * HOUR),
  };

  return (
    <Page themeId="tool">
      <Header
        title={schedule.name}
        type="On-call schedule"
        typeLink={onCallLink()}
      >
        <OwnerHeaderLabel ownerRef={schedule.ownerRef} />
        <HeaderLabel label="Time zone" value={schedule.timeZone} />
      </Header>
      <Content>
        <Grid container spacing={3}>
          {problem && (
            <Grid item xs={12}>
              <Alert severity="error" onClose={() => setProblem(undefined)}>
                {problem}
              </Alert>
            </Grid>
          )}
          <Grid item xs={12} md={6}>
            <OnCallNowCard
              schedule={schedule}
              now={now}
              nameOf={nameOf}
              editLink={canUpdate ? editLink({ id: schedule.id }) : undefined}
            />
          </Grid>
          <Grid item xs={12} md={6}>
            <CalendarFeedCard scheduleId={schedule.id} />
          </Grid>
          <Grid item xs={12}>
            <TimelineCard schedule={schedule} now={now} nameOf={nameOf} />
          </Grid>
          <Grid item xs={12}>
            <OverridesCard
              schedule={schedule}
              canUpdate={canUpdate}
              nameOf={nameOf}
              suggested={suggested}
              onAdd={async override => {
                setProblem(undefined);
                try {
                  await api.addOverride(schedule.id, override);
                  state.retry();
                  return true;
                } catch (e) {
                  setProblem(
                    `The override was not added: ${describeFailure(e)}`,
                  );
                  return false;
                }
              }}
              onRemove={async overrideId => {
                setProblem(undefined);
                try {
                  await api.deleteOverride(schedule.id, overrideId);
                } catch (e) {
                  setProblem(
                    `The override was not removed: ${describeFailure(e)}`,
                  );
                }
                state.retry();
              }}
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
