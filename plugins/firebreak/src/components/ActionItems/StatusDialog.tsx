import {
  ActionItem,
  ActionItemStatus,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';

/**
 * Asks before an item is finished: "won't do" needs a reason (the backend records it); "done"
 * is confirmed, as it stops the reminders.
 *
 * @internal
 */
export function StatusDialog(props: {
  item: ActionItem;
  status: Extract<ActionItemStatus, 'done' | 'wont_do'>;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason?: string) => void;
}) {
  const { item, status } = props;
  const [reason, setReason] = useState('');
  const needsReason = status === 'wont_do';
  const missing = needsReason && reason.trim() === '';
  return (
    <Dialog
      open
      onClose={props.onCancel}
      aria-labelledby="firebreak-action-item-status-title"
    >
      <DialogTitle id="firebreak-action-item-status-title">
        {needsReason ? 'Won’t do' : 'Mark done'}: {item.title}
      </DialogTitle>
      <DialogContent>
        <DialogContentText>
          {needsReason
            ? 'Say why this will not be done: the reason stays on the item for whoever reads the postmortem later.'
            : 'The item is finished: its owner gets no more reminders. It can be reopened later.'}
        </DialogContentText>
        {needsReason && (
          <TextField
            id="firebreak-action-item-wont-do-reason"
            label="Reason"
            required
            fullWidth
            multiline
            minRows={2}
            value={reason}
            onChange={e => setReason(e.target.value)}
            helperText={
              missing
                ? 'A reason is required to close an item as won’t do'
                : ' '
            }
          />
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onCancel}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={missing || props.busy}
          onClick={() =>
            props.onConfirm(needsReason ? reason.trim() : undefined)
          }
        >
          {needsReason ? 'Won’t do' : 'Mark done'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
