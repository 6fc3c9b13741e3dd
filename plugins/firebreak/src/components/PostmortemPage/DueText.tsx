import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { PostmortemDetails } from '@firebreak/backstage-plugin-common';
import { describeDue } from './postmortemWording';

// Text that sits on the page's grey as well as on cards: primary text, and the dark red for
// overdue (the theme's main red and secondary grey are too faint there for WCAG AA).
const useStyles = makeStyles(theme => ({
  due: { color: theme.palette.text.primary },
  late: { color: theme.palette.error.dark, fontWeight: 700 },
}));

/**
 * When a postmortem is due — red when overdue — or nothing once it is published or waived.
 *
 * @internal
 */
export function DueText(props: {
  postmortem: Pick<PostmortemDetails, 'dueAt' | 'status' | 'overdue'>;
}) {
  const classes = useStyles();
  const { dueAt, status, overdue } = props.postmortem;
  if (!dueAt || status === 'published' || status === 'waived') return null;
  const due = describeDue(dueAt);
  const late = overdue || due.overdue;
  return (
    <Typography
      component="span"
      variant="body2"
      className={late ? classes.late : classes.due}
      title={new Date(dueAt).toLocaleString()}
    >
      {due.text}
    </Typography>
  );
}
