import { Shift } from '@firebreak/backstage-plugin-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { DateTime } from 'luxon';
import { fallbackNameOf } from '../../oncall/usePersonNames';
import { formatSpan } from '../../oncall/formatTimes';
import { personColors } from '../../oncall/personColors';

/**
 * One row of a schedule timeline: a layer alone, the overrides, or the final schedule.
 *
 * @internal
 */
export interface TimelineRow {
  /** What the row shows, such as "Layer 1: Weekly rotation" or "Final". */
  label: string;
  /** A line under the label, such as "Weekly, Mon 09:00". */
  caption?: string;
  shifts: Shift[];
  /** The row that matters most (the final schedule): drawn taller and named in bold. */
  emphasis?: boolean;
  /** Shown across the row instead of shifts, such as why it cannot be drawn. */
  message?: string;
}

const LABEL_WIDTH = 200;

const useStyles = makeStyles(theme => ({
  root: {
    display: 'grid',
    gridTemplateColumns: `${LABEL_WIDTH}px minmax(0, 1fr)`,
    rowGap: theme.spacing(0.5),
  },
  corner: { alignSelf: 'end' },
  dayHeader: {
    position: 'relative',
    height: 50,
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  dayLabel: {
    position: 'absolute',
    top: 0,
    textAlign: 'center',
    lineHeight: 1.2,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    fontSize: 11,
    color: theme.palette.text.secondary,
  },
  today: { color: theme.palette.text.primary, fontWeight: 700 },
  label: {
    display: 'flex',
    flexDirection: 'column',
    justifyContent: 'center',
    paddingRight: theme.spacing(1.5),
    minWidth: 0,
  },
  labelText: { overflow: 'hidden', textOverflow: 'ellipsis' },
  caption: {
    overflow: 'hidden',
    display: '-webkit-box',
    '-webkit-line-clamp': 2,
    '-webkit-box-orient': 'vertical',
    lineHeight: 1.3,
  },
  track: {
    alignSelf: 'center',
    position: 'relative',
    height: 34,
    borderRadius: 4,
    overflow: 'hidden',
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(255, 255, 255, 0.04)'
        : 'rgba(0, 0, 0, 0.03)',
  },
  emphasisTrack: {
    height: 44,
    outline: `1px solid ${theme.palette.divider}`,
  },
  weekend: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    backgroundColor:
      theme.palette.type === 'dark'
        ? 'rgba(255, 255, 255, 0.04)'
        : 'rgba(0, 0, 0, 0.04)',
  },
  dayLine: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 1,
    backgroundColor: theme.palette.divider,
  },
  bar: {
    position: 'absolute',
    top: 3,
    bottom: 3,
    borderRadius: 3,
    color: '#fff',
    fontSize: 12,
    lineHeight: '28px',
    paddingLeft: 6,
    paddingRight: 4,
    overflow: 'hidden',
    whiteSpace: 'nowrap',
    textOverflow: 'ellipsis',
    boxShadow: `inset -1px 0 0 ${theme.palette.background.paper}`,
    boxSizing: 'border-box',
  },
  emphasisBar: { fontSize: 13, lineHeight: '38px', fontWeight: 600 },
  message: {
    position: 'absolute',
    inset: 0,
    display: 'flex',
    alignItems: 'center',
    paddingLeft: theme.spacing(1),
    color: theme.palette.text.secondary,
    fontStyle: 'italic',
  },
  now: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    width: 2,
    marginLeft: -1,
    backgroundColor: theme.palette.error.main,
    zIndex: 1,
    pointerEvents: 'none',
  },
  nowLabel: {
    position: 'absolute',
    bottom: 2,
    transform: 'translateX(-50%)',
    padding: '0 4px',
    borderRadius: 3,
    fontSize: 11,
    fontWeight: 700,
    color: theme.palette.error.contrastText,
    backgroundColor: theme.palette.error.main,
    zIndex: 2,
  },
  rows: { display: 'contents' },
  legend: {
    gridColumn: '2',
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(0.5, 2),
    marginTop: theme.spacing(1),
  },
  legendItem: { display: 'flex', alignItems: 'center', gap: 6 },
  swatch: { width: 12, height: 12, borderRadius: 2 },
}));

/** Local midnights from `from` to `to`, in the viewer's zone. */
function daysBetween(from: Date, to: Date): DateTime[] {
  const days: DateTime[] = [];
  let day = DateTime.fromJSDate(from).startOf('day');
  while (day.toMillis() < to.getTime()) {
    days.push(day);
    day = day.plus({ days: 1 });
  }
  return days;
}

/**
 * A schedule as a calendar: one row per layer, overrides and the final schedule, bars coloured
 * per person with their names, days across in the viewer's zone, and a line at "now".
 *
 * @internal
 */
export function ScheduleTimeline(props: {
  rows: TimelineRow[];
  from: Date;
  to: Date;
  now: Date;
  /** Everyone who may appear, in the order colours are given. */
  people: readonly string[];
  nameOf?: (ref: string) => string;
  /** What the timeline shows, for screen readers: "Payments primary, next 2 weeks". */
  title: string;
}) {
  const classes = useStyles();
  const { from, to, now, rows } = props;
  const nameOf = props.nameOf ?? ((ref: string) => fallbackNameOf(ref));
  const everyone = [
    ...new Set([
      ...props.people,
      ...rows.flatMap(row => row.shifts.map(shift => shift.userRef)),
    ]),
  ];
  const colorOf = personColors(everyone);
  const span = to.getTime() - from.getTime();
  const percent = (ms: number) =>
    `${(Math.min(Math.max(ms - from.getTime(), 0), span) / span) * 100}%`;
  const widthPercent = (start: number, end: number) =>
    `${
      ((Math.min(end, to.getTime()) - Math.max(start, from.getTime())) / span) *
      100
    }%`;
  const days = daysBetween(from, to);
  const today = DateTime.fromJSDate(now).startOf('day').toMillis();
  const showNow = now >= from && now < to;
  const compactDays = days.length > 16;

  const background = (
    <>
      {days.map(day => (
        <div key={day.toMillis()}>
          {day.weekday >= 6 && (
            <div
              className={classes.weekend}
              style={{
                left: percent(day.toMillis()),
                width: widthPercent(
                  day.toMillis(),
                  day.plus({ days: 1 }).toMillis(),
                ),
              }}
            />
          )}
          <div
            className={classes.dayLine}
            style={{ left: percent(day.toMillis()) }}
          />
        </div>
      ))}
      {showNow && (
        <div className={classes.now} style={{ left: percent(now.getTime()) }} />
      )}
    </>
  );

  const peopleShown = everyone.filter(ref =>
    rows.some(row => row.shifts.some(shift => shift.userRef === ref)),
  );

  return (
    <div className={classes.root} role="figure" aria-label={props.title}>
      <div className={classes.corner} />
      <div className={classes.dayHeader} aria-hidden>
        {days.map(day => {
          const start = Math.max(day.toMillis(), from.getTime());
          const end = Math.min(day.plus({ days: 1 }).toMillis(), to.getTime());
          return (
            <div
              key={day.toMillis()}
              className={`${classes.dayLabel} ${
                day.toMillis() === today ? classes.today : ''
              }`}
              style={{ left: percent(start), width: widthPercent(start, end) }}
            >
              {day.toFormat(compactDays ? 'ccccc' : 'ccc')}
              <br />
              {day.day === 1 || day.toMillis() <= from.getTime()
                ? day.toFormat(compactDays ? 'd/L' : 'd LLL')
                : day.day}
            </div>
          );
        })}
        {showNow && (
          <span
            className={classes.nowLabel}
            style={{ left: percent(now.getTime()) }}
          >
            now
          </span>
        )}
      </div>
      {rows.map(row => (
        <div
          key={row.label}
          className={classes.rows}
          role="list"
          aria-label={row.label}
        >
          <div className={classes.label}>
            <Typography
              variant="body2"
              className={classes.labelText}
              style={{ fontWeight: row.emphasis ? 700 : 500 }}
              noWrap
              title={row.label}
            >
              {row.label}
            </Typography>
            {row.caption && (
              <Typography
                variant="caption"
                color="textSecondary"
                className={classes.caption}
                title={row.caption}
              >
                {row.caption}
              </Typography>
            )}
          </div>
          <div
            className={`${classes.track} ${
              row.emphasis ? classes.emphasisTrack : ''
            }`}
          >
            {background}
            {row.message && (
              <Typography variant="body2" className={classes.message}>
                {row.message}
              </Typography>
            )}
            {!row.message &&
              row.shifts.map(shift => {
                const start = Date.parse(shift.start);
                const end = Date.parse(shift.end);
                const description = `${nameOf(shift.userRef)}: ${formatSpan(
                  shift.start,
                  shift.end,
                )}`;
                return (
                  <div
                    key={`${shift.userRef}-${shift.start}`}
                    role="listitem"
                    aria-label={description}
                    title={description}
                    className={`${classes.bar} ${
                      row.emphasis ? classes.emphasisBar : ''
                    }`}
                    style={{
                      left: percent(start),
                      width: widthPercent(start, end),
                      backgroundColor: colorOf(shift.userRef),
                    }}
                  >
                    {nameOf(shift.userRef)}
                  </div>
                );
              })}
            {!row.message && row.shifts.length === 0 && (
              <Typography variant="body2" className={classes.message}>
                Nobody in this range
              </Typography>
            )}
          </div>
        </div>
      ))}
      {peopleShown.length > 0 && (
        <div className={classes.legend} aria-hidden>
          {peopleShown.map(ref => (
            <span key={ref} className={classes.legendItem}>
              <span
                className={classes.swatch}
                style={{ backgroundColor: colorOf(ref) }}
              />
              <Typography variant="caption">{nameOf(ref)}</Typography>
            </span>
          ))}
        </div>
      )}
    </div>
  );
}

/**
 * The range a timeline starts with: the viewer's today, for a number of weeks.
 *
 * @internal
 */
export function timelineRange(
  now: Date,
  weeks: number,
  offsetWeeks: number = 0,
): { from: Date; to: Date } {
  const start = DateTime.fromJSDate(now)
    .startOf('day')
    .plus({ weeks: offsetWeeks });
  return {
    from: start.toJSDate(),
    to: start.plus({ weeks }).toJSDate(),
  };
}
