import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';

/**
 * Replaces a calendar feed's address, behind a confirmation: for a leaked address, or one
 * handed to someone who should no longer see the shifts. The old address stops working at once.
 *
 * @internal
 */
export function RotateCalendarFeedButton(props: {
  /** A schedule's feed; the viewer's own when absent. */
  scheduleId?: string;
  /** Called with the new full address. */
  onRotated: (url: string) => void;
}) {
  const { scheduleId, onRotated } = props;
  const api = useApi(firebreakApiRef);
  const [confirming, setConfirming] = useState(false);
  const [rotation, rotate] = useAsyncFn(async () => {
    const url = await api.rotateCalendarFeedUrl(scheduleId);
    onRotated(url);
    return url;
  }, [api, scheduleId, onRotated]);
  const titleId = `firebreak-rotate-feed-title${
    scheduleId ? `-${scheduleId}` : ''
  }`;

  return (
    <>
      <Button
        size="small"
        onClick={() => setConfirming(true)}
        disabled={rotation.loading}
      >
        Get a new address
      </Button>
      {rotation.error && (
        <Typography variant="body2" color="error">
          Could not replace the address: {describeFailure(rotation.error)}
        </Typography>
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        aria-labelledby={titleId}
      >
        <DialogTitle id={titleId}>Get a new calendar address?</DialogTitle>
        <DialogContent>
          <DialogContentText>
            The current address stops working at once: every calendar subscribed
            to it{scheduleId ? ', anyone’s,' : ''} stops showing the shifts
            until it subscribes to the new address. Do this when the address has
            been shared with someone who should not see them.
          </DialogContentText>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setConfirming(false)}>Keep it</Button>
          <Button
            color="secondary"
            variant="contained"
            onClick={async () => {
              setConfirming(false);
              await rotate();
            }}
          >
            Replace the address
          </Button>
        </DialogActions>
      </Dialog>
    </>
  );
}
