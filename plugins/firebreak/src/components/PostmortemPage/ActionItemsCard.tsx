import { InfoCard } from '@backstage/core-components';
import { ActionItem } from '@firebreak/backstage-plugin-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { describeFailure } from '../../api/failures';

/**
 * The postmortem's action items, read-only: they are changed where follow-ups are managed.
 *
 * @internal
 */
export function ActionItemsCard(props: {
  items?: ActionItem[];
  loading: boolean;
  error?: Error;
}) {
  const { items, loading, error } = props;
  let body;
  if (loading && !items) {
    body = <Typography variant="body2">Loading action items…</Typography>;
  } else if (error) {
    body = (
      <Alert severity="error">
        The action items could not be read: {describeFailure(error)}. Reload the
        page to try again.
      </Alert>
    );
  } else if (!items?.length) {
    body = (
      <Typography variant="body2" color="textSecondary">
        No action items from this postmortem yet. Add follow-ups where action
        items are managed, naming this postmortem.
      </Typography>
    );
  } else {
    body = (
      <List dense>
        {items.map(item => (
          <ListItem key={item.id} divider>
            <ListItemText
              primary={item.title}
              secondary={
                <Typography
                  component="span"
                  variant="body2"
                  color={item.overdue ? 'error' : 'textSecondary'}
                >
                  {item.status.replace('_', ' ')} · {item.priority} ·{' '}
                  {item.ownerRef}
                  {item.dueAt &&
                    ` · due ${new Date(item.dueAt).toLocaleDateString()}`}
                  {item.overdue && ' · overdue'}
                </Typography>
              }
            />
          </ListItem>
        ))}
      </List>
    );
  }
  return <InfoCard title="Action items">{body}</InfoCard>;
}
