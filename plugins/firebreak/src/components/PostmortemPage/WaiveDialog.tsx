import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';

/**
 * Asks why a postmortem is waived; the reason is recorded on the incident's timeline.
 *
 * @internal
 */
export function WaiveDialog(props: {
  open: boolean;
  onClose: () => void;
  onWaive: (reason: string) => void;
}) {
  const { open, onClose, onWaive } = props;
  const [reason, setReason] = useState('');
  return (
    <Dialog open={open} onClose={onClose} aria-labelledby="waive-title">
      <DialogTitle id="waive-title">Waive the postmortem</DialogTitle>
      <DialogContent>
        <DialogContentText>
          A waived postmortem is not written; the incident can then close. Say
          why: the reason is recorded on the incident's timeline.
        </DialogContentText>
        <TextField
          required
          fullWidth
          multiline
          minRows={3}
          id="waiver-reason"
          label="Reason for waiving"
          value={reason}
          onChange={e => setReason(e.target.value)}
          helperText={reason.trim() ? ' ' : 'A reason is required.'}
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={!reason.trim()}
          onClick={() => onWaive(reason.trim())}
        >
          Waive
        </Button>
      </DialogActions>
    </Dialog>
  );
}
