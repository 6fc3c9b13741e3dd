import Typography from '@material-ui/core/Typography';
import { PostmortemDetails } from '@firebreak/backstage-plugin-common';
import { describeDue } from './postmortemWording';

/**
 * When a postmortem is due — red when overdue — or nothing once it is published or waived.
 *
 * @internal
 */
export function DueText(props: {
  postmortem: Pick<PostmortemDetails, 'dueAt' | 'status' | 'overdue'>;
}) {
  const { dueAt, status, overdue } = props.postmortem;
  if (!dueAt || status === 'published' || status === 'waived') return null;
  const due = describeDue(dueAt);
  const late = overdue || due.overdue;
  return (
    <Typography
      component="span"
      variant="body2"
      color={late ? 'error' : 'textSecondary'}
      title={new Date(dueAt).toLocaleString()}
    >
      {due.text}
    </Typography>
  );
}
