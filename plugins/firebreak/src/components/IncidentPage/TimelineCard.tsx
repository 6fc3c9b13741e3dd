import { InfoCard } from '@backstage/core-components';
import {
  IncidentRoleDefinition,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { describeTimelineEvent } from './describeTimelineEvent';
import { formatIncidentInstant } from './formatIncidentInstant';
import { READ_ONLY_REASON } from './participation';
import { Actor } from './People';
import { TimelineForm, TimelinePost } from './TimelineForm';

const useStyles = makeStyles(theme => ({
  alarm: {
    borderLeft: `4px solid ${theme.palette.error.main}`,
    '& $alarmText': { color: theme.palette.error.main, fontWeight: 700 },
  },
  alarmText: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

/**
 * What happened in an incident, newest first, with the form to post to it for those who may.
 * Paging that ran out of people stands out as an alarm.
 *
 * @internal
 */
export function TimelineCard(props: {
  timeline: TimelineEvent[];
  roles: IncidentRoleDefinition[];
  canUpdate: boolean;
  onPost: (post: TimelinePost) => Promise<void>;
}) {
  const { timeline, roles, canUpdate, onPost } = props;
  const classes = useStyles();
  return (
    <InfoCard title="Timeline">
      {canUpdate ? (
        <TimelineForm onPost={onPost} />
      ) : (
        <Typography variant="body2" color="textSecondary">
          Posting notes and status updates: {READ_ONLY_REASON}
        </Typography>
      )}
      <List>
        {[...timeline].reverse().map(event => {
          const alarm = event.type === 'page_exhausted';
          return (
            <ListItem
              key={event.id}
              divider
              className={alarm ? classes.alarm : undefined}
            >
              <ListItemText
                primary={
                  alarm ? (
                    <span className={classes.alarmText}>
                      <WarningIcon fontSize="small" />
                      {describeTimelineEvent(event, roles)}
                    </span>
                  ) : (
                    describeTimelineEvent(event, roles)
                  )
                }
                secondary={
                  <>
                    {formatIncidentInstant(event.at)} ·{' '}
                    <Actor actorRef={event.actorRef} />
                  </>
                }
              />
            </ListItem>
          );
        })}
      </List>
    </InfoCard>
  );
}
