import { OnCallPage } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import NotificationsActive from '@material-ui/icons/NotificationsActive';
import { formatCountdown, useNow } from '../ShiftTime';
import { nextEscalation } from './paging';

const useStyles = makeStyles(theme => ({
  alert: { alignItems: 'center' },
  action: { marginRight: 0, paddingLeft: theme.spacing(2) },
  button: {
    whiteSpace: 'nowrap',
    fontWeight: 700,
    backgroundColor: theme.palette.common.white,
    color: theme.palette.error.dark,
    '&:hover': { backgroundColor: theme.palette.grey[200] },
  },
  title: { fontWeight: 700, fontSize: '1.15rem' },
  countdown: { fontVariantNumeric: 'tabular-nums' },
}));

/**
 * The first thing a paged person sees on the incident page, such as when they open it from the
 * page's notification: that they are paged, how long before the next level is woken, and the
 * button that stops it.
 *
 * @internal
 */
export function PagedBanner(props: {
  pages: OnCallPage[];
  busy: boolean;
  onAcknowledge: () => void;
}) {
  const { pages, busy } = props;
  const classes = useStyles();
  const now = useNow(1000);
  const due = nextEscalation(pages);
  const policies = [...new Set(pages.map(page => page.policyName))].join(', ');
  return (
    <Alert
      severity="error"
      variant="filled"
      icon={<NotificationsActive fontSize="large" />}
      classes={{ root: classes.alert, action: classes.action }}
      action={
        <Button
          size="large"
          variant="contained"
          className={classes.button}
          disabled={busy}
          onClick={props.onAcknowledge}
        >
          Acknowledge
        </Button>
      }
    >
      <AlertTitle className={classes.title}>
        You are being paged for this incident
      </AlertTitle>
      Through {policies}.{' '}
      {due !== undefined && due > now.toMillis() ? (
        <>
          Acknowledge to stop the escalation: the next level is paged in{' '}
          <strong className={classes.countdown}>
            {formatCountdown(new Date(due).toISOString(), now)}
          </strong>
          .
        </>
      ) : (
        'Acknowledge to stop the escalation.'
      )}
    </Alert>
  );
}
