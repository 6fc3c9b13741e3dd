import { InfoCard } from '@backstage/core-components';
import {
  IncidentRoleDefinition,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import StarIcon from '@material-ui/icons/Star';
import StarBorderIcon from '@material-ui/icons/StarBorder';
import { describeTimelineEvent } from '../IncidentPage/describeTimelineEvent';
import { formatIncidentInstant } from '../IncidentPage/formatIncidentInstant';

/**
 * The incident's timeline, with a star per event: starred events go into the postmortem. When
 * the postmortem covers several incidents, their timelines are merged and each event says
 * which incident it is from.
 *
 * @internal
 */
export function StarredTimelineCard(props: {
  timeline: TimelineEvent[];
  /** Incident id → reference, given when the postmortem covers more than one incident. */
  incidentRefs?: Map<string, string>;
  starredEventIds: string[];
  roles: IncidentRoleDefinition[];
  /** Why stars cannot be changed; undefined when they can. */
  readOnlyReason?: string;
  busy: boolean;
  onToggle: (eventId: string) => void;
}) {
  const { timeline, starredEventIds, roles, readOnlyReason, busy, onToggle } =
    props;
  const from = (event: TimelineEvent) => {
    const ref = props.incidentRefs?.get(event.incidentId);
    return ref ? `${ref} · ` : '';
  };
  const starred = new Set(starredEventIds);
  return (
    <InfoCard
      title={props.incidentRefs ? 'Incident timelines' : 'Incident timeline'}
      subheader={`Star the events this postmortem should include (${starred.size} starred).`}
    >
      {readOnlyReason && (
        <Typography variant="body2" color="textSecondary">
          {readOnlyReason}
        </Typography>
      )}
      {timeline.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          The incident's timeline is empty.
        </Typography>
      ) : (
        <List dense>
          {timeline.map(event => {
            const isStarred = starred.has(event.id);
            const text = describeTimelineEvent(event, roles);
            return (
              <ListItem key={event.id} divider>
                <ListItemIcon>
                  <IconButton
                    size="small"
                    aria-pressed={isStarred}
                    aria-label={`${
                      isStarred ? 'Unstar' : 'Star'
                    } event at ${formatIncidentInstant(event.at)}`}
                    disabled={!!readOnlyReason || busy}
                    onClick={() => onToggle(event.id)}
                  >
                    {isStarred ? (
                      <StarIcon color="primary" />
                    ) : (
                      <StarBorderIcon />
                    )}
                  </IconButton>
                </ListItemIcon>
                <ListItemText
                  primary={text}
                  secondary={`${from(event)}${formatIncidentInstant(event.at)}`}
                />
              </ListItem>
            );
          })}
        </List>
      )}
    </InfoCard>
  );
}
