import {
  InfoCard,
  InfoCardVariants,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  firebreakOnCallReadPermission,
  MyShift,
} from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import EventIcon from '@material-ui/icons/Event';
import FileCopyOutlined from '@material-ui/icons/FileCopyOutlined';
import { DateTime } from 'luxon';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { firebreakApiRef } from '../../api';
import { useIsOwnProfile } from '../../hooks/useIsOwnProfile';
import { RotateCalendarFeedButton } from '../RotateCalendarFeedButton';
import { describeFailure } from '../../api/failures';
import { onCallRouteRef, scheduleRouteRef } from '../../routes';
import {
  formatRelative,
  formatSpan,
  formatWhen,
  ShiftTime,
  useNow,
} from '../ShiftTime';

/** "My on-call" looks this far ahead. */
const HORIZON_DAYS = 28;
/** Shifts in the list at most; layers with office hours give one a day. */
const MAX_LISTED = 8;

const useStyles = makeStyles(theme => ({
  now: {
    borderLeft: `4px solid ${theme.palette.success.main}`,
    paddingLeft: theme.spacing(1.5),
    marginBottom: theme.spacing(1),
  },
  nowLabel: {
    fontWeight: 700,
    color: theme.palette.success.dark,
  },
  schedule: { fontWeight: 700 },
  // The theme keeps dense list rows on one line; these must wrap in a narrow card.
  wrap: { whiteSpace: 'normal' },
  empty: { marginBottom: theme.spacing(2) },
  calendar: { marginTop: theme.spacing(2) },
  howTo: { marginTop: theme.spacing(1) },
  steps: { margin: theme.spacing(0.5, 0), paddingLeft: theme.spacing(2.5) },
  url: { fontFamily: 'monospace', fontSize: '0.85em' },
}));

function ScheduleName(props: { shift: MyShift }) {
  const classes = useStyles();
  const scheduleLink = useRouteRef(scheduleRouteRef);
  return (
    <Link
      className={classes.schedule}
      to={scheduleLink({ id: props.shift.scheduleId })}
    >
      {props.shift.scheduleName}
    </Link>
  );
}

function CalendarSubscription() {
  const classes = useStyles();
  const api = useApi(firebreakApiRef);
  // The address holds a token: fetched when asked for, not on every visit of the page.
  const [feed, load] = useAsyncFn(() => api.getCalendarFeedUrl(), [api]);
  const [copied, setCopied] = useState(false);
  const [rotated, setRotated] = useState<string>();
  const address = rotated ?? feed.value;

  if (!address) {
    return (
      <Box className={classes.calendar}>
        <Button
          variant="outlined"
          startIcon={<EventIcon />}
          onClick={load}
          disabled={feed.loading}
        >
          Subscribe in your calendar
        </Button>
        {feed.error && (
          <Typography color="error" variant="body2">
            Could not make your calendar address: {describeFailure(feed.error)}
          </Typography>
        )}
      </Box>
    );
  }
  const copy = async () => {
    await window.navigator.clipboard.writeText(address);
    setCopied(true);
  };
  return (
    <Box className={classes.calendar}>
      <TextField
        id="firebreak-calendar-feed"
        label="Your on-call calendar (iCal)"
        value={address}
        fullWidth
        variant="outlined"
        size="small"
        onFocus={e => e.target.select()}
        InputProps={{
          readOnly: true,
          classes: { input: classes.url },
          endAdornment: (
            <InputAdornment position="end">
              <Tooltip title={copied ? 'Copied' : 'Copy the address'}>
                <IconButton
                  aria-label="Copy the calendar address"
                  edge="end"
                  size="small"
                  onClick={copy}
                >
                  <FileCopyOutlined fontSize="small" />
                </IconButton>
              </Tooltip>
            </InputAdornment>
          ),
        }}
      />
      <Typography variant="body2" component="div" className={classes.howTo}>
        {copied && <strong>Copied. </strong>}
        Add it as a subscription, not an import, so it stays up to date:
        <ul className={classes.steps}>
          <li>
            Google Calendar: <em>Other calendars → + → From URL</em>
          </li>
          <li>
            Outlook: <em>Add calendar → Subscribe from web</em>
          </li>
          <li>
            Apple Calendar: <em>File → New Calendar Subscription</em>
          </li>
        </ul>
        Keep it to yourself: anyone with the address sees your shifts. If it got
        out, replace it: the old address stops working.
      </Typography>
      <RotateCalendarFeedButton
        onRotated={url => {
          setRotated(url);
          setCopied(false);
        }}
      />
    </Box>
  );
}

function Shifts(props: { shifts: MyShift[]; now: DateTime }) {
  const { shifts, now } = props;
  const classes = useStyles();
  const current = shifts.filter(s => Date.parse(s.start) <= now.toMillis());
  const upcoming = shifts.filter(s => Date.parse(s.start) > now.toMillis());
  const listed = upcoming.slice(0, MAX_LISTED);
  return (
    <>
      {current.map(shift => (
        <Box key={`${shift.scheduleId}-${shift.start}`} className={classes.now}>
          <Typography variant="body1">
            <span className={classes.nowLabel}>On call now</span> ·{' '}
            <ScheduleName shift={shift} />
          </Typography>
          <Typography variant="body2" color="textSecondary">
            until <ShiftTime at={shift.end} now={now} />
          </Typography>
        </Box>
      ))}
      {listed.length > 0 && (
        <List dense disablePadding aria-label="Upcoming shifts">
          {listed.map(shift => (
            <ListItem
              key={`${shift.scheduleId}-${shift.start}`}
              disableGutters
              divider
            >
              <ListItemText
                className={classes.wrap}
                primary={
                  <>
                    <ScheduleName shift={shift} /> · starts{' '}
                    {formatRelative(shift.start, now)}
                  </>
                }
                secondary={`${formatWhen(shift.start, now)} → ${formatWhen(
                  shift.end,
                  now,
                )} (${formatSpan(
                  Date.parse(shift.end) - Date.parse(shift.start),
                )})`}
              />
            </ListItem>
          ))}
        </List>
      )}
      {upcoming.length > listed.length && (
        <Typography variant="body2" color="textSecondary">
          and {upcoming.length - listed.length} more shifts in the next{' '}
          {HORIZON_DAYS / 7} weeks.
        </Typography>
      )}
      {current.length === 0 && upcoming.length === 0 && (
        <Typography variant="body1" className={classes.empty}>
          You have no shifts in the next {HORIZON_DAYS / 7} weeks.
        </Typography>
      )}
    </>
  );
}

/**
 * What "My on-call" shows inside its card: the signed-in person's current and next shifts, and
 * the address of their calendar feed. For hosts that draw the card themselves (home page
 * widgets).
 *
 * @internal
 */
export function MyOnCallContent() {
  const api = useApi(firebreakApiRef);
  const now = useNow(60_000);
  const { allowed, loading: checking } = usePermission({
    permission: firebreakOnCallReadPermission,
  });
  // The backend cuts the shift I am on to start at `from`: never after the `now` it is
  // compared with. A shift ending after the horizon would be cut there too: read further than
  // is listed.
  const [from] = useState(() => DateTime.now().startOf('minute'));
  const shifts = useAsync(async () => {
    if (!allowed) {
      return undefined;
    }
    const { items } = await api.getMyShifts({
      from: from.toUTC().toISO()!,
      to: from
        .plus({ days: HORIZON_DAYS + 7 })
        .toUTC()
        .toISO()!,
    });
    const horizon = from.plus({ days: HORIZON_DAYS }).toMillis();
    return items.filter(s => Date.parse(s.start) < horizon);
  }, [api, allowed, from]);

  if (checking) {
    return <Progress />;
  }
  if (!allowed) {
    return (
      <Typography variant="body1">
        You are not allowed to see on-call schedules.
      </Typography>
    );
  }
  if (shifts.error) {
    return <ResponseErrorPanel error={shifts.error} />;
  }
  if (!shifts.value) {
    return <Progress />;
  }
  const visible = shifts.value.filter(s => Date.parse(s.end) > now.toMillis());
  return (
    <>
      <Shifts shifts={visible} now={now} />
      <CalendarSubscription />
    </>
  );
}

/**
 * "My on-call": the signed-in person's current and upcoming shifts over the next four weeks
 * across every schedule, and a calendar feed to subscribe to. For the home page.
 *
 * @public
 */
export function MyOnCallCard(props: { variant?: InfoCardVariants }) {
  const onCallLink = useRouteRef(onCallRouteRef);
  return (
    <InfoCard
      title="My on-call"
      variant={props.variant}
      deepLink={{ title: 'All schedules', link: onCallLink() }}
    >
      <MyOnCallContent />
    </InfoCard>
  );
}

/**
 * "My on-call" for a user's profile page: shown on the signed-in person's own profile, and
 * nothing on anyone else's (shifts are only served to their owner).
 *
 * @public
 */
export function EntityUserOnCallCard(props: { variant?: InfoCardVariants }) {
  return useIsOwnProfile() ? <MyOnCallCard variant={props.variant} /> : null;
}
