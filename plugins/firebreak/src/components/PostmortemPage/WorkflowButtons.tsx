import { PostmortemDetails } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { WaiveDialog } from './WaiveDialog';

/** A button that, when disabled, says why next to it (and in a tooltip). */
function Step(props: {
  label: string;
  why?: string;
  busy: boolean;
  primary?: boolean;
  onClick: () => void;
}) {
  const { label, why, busy, primary, onClick } = props;
  const button = (
    <span>
      <Button
        variant={primary ? 'contained' : 'outlined'}
        color={primary ? 'primary' : 'default'}
        disabled={busy || !!why}
        onClick={onClick}
      >
        {label}
      </Button>
    </span>
  );
  return (
    <Grid item>
      {why ? <Tooltip title={why}>{button}</Tooltip> : button}
      {why && (
        <Typography
          variant="caption"
          color="textSecondary"
          display="block"
          style={{ maxWidth: 260 }}
        >
          {why}
        </Typography>
      )}
    </Grid>
  );
}

/**
 * What can happen next to a postmortem, by its status: submit for review, approve, publish,
 * waive, reopen; and export it as Markdown. Each disabled step says why.
 *
 * @internal
 */
export function WorkflowButtons(props: {
  postmortem: PostmortemDetails;
  userRef?: string;
  canUpdate: boolean;
  canApprove: boolean;
  busy: boolean;
  onStatus: (status: 'in_review' | 'published' | 'draft') => void;
  onApprove: () => void;
  onWaive: (reason: string) => void;
  onExport: () => void;
}) {
  const { postmortem, userRef, canUpdate, canApprove, busy } = props;
  const [waiving, setWaiving] = useState(false);
  const { status } = postmortem;
  const isOwner = !!userRef && userRef === postmortem.ownerRef;
  const approvedByMe = postmortem.approvals.some(
    a => a.approverRef === userRef,
  );
  const missing = postmortem.approvalsRequired - postmortem.approvals.length;
  const noUpdate = canUpdate
    ? undefined
    : 'Only those who may edit this postmortem can do this.';
  const noApprove = canApprove
    ? undefined
    : 'Only those who may approve this postmortem can do this.';

  const steps: ReactNode[] = [];
  if (status === 'draft') {
    steps.push(
      <Step
        key="submit"
        label="Submit for review"
        primary
        why={noUpdate}
        busy={busy}
        onClick={() => props.onStatus('in_review')}
      />,
    );
  }
  if (status === 'in_review') {
    let approveWhy = noApprove;
    if (!approveWhy && isOwner) {
      approveWhy = 'You own this postmortem: someone else must approve it.';
    } else if (!approveWhy && approvedByMe) {
      approveWhy = 'You have approved it already.';
    }
    steps.push(
      <Step
        key="approve"
        label="Approve"
        why={approveWhy}
        busy={busy}
        onClick={props.onApprove}
      />,
      <Step
        key="publish"
        label="Publish"
        primary
        why={
          noApprove ??
          (missing > 0
            ? `Publishing needs ${missing} more approval${
                missing === 1 ? '' : 's'
              } by someone other than the owner.`
            : undefined)
        }
        busy={busy}
        onClick={() => props.onStatus('published')}
      />,
      <Step
        key="back"
        label="Back to draft"
        why={noUpdate}
        busy={busy}
        onClick={() => props.onStatus('draft')}
      />,
    );
  }
  if (status === 'draft' || status === 'in_review') {
    steps.push(
      <Step
        key="waive"
        label="Waive"
        why={noApprove}
        busy={busy}
        onClick={() => setWaiving(true)}
      />,
    );
  }
  if (status === 'published' || status === 'waived') {
    steps.push(
      <Step
        key="reopen"
        label="Reopen"
        why={noApprove}
        busy={busy}
        onClick={() => props.onStatus('draft')}
      />,
    );
  }
  steps.push(
    <Step
      key="export"
      label="Export Markdown"
      busy={false}
      onClick={props.onExport}
    />,
  );

  // Someone who may do none of the steps reads one sentence, not one per disabled button.
  const readOnly = !canUpdate && !canApprove;
  return (
    <>
      <Grid container spacing={2} alignItems="center">
        {readOnly ? (
          <>
            {steps[steps.length - 1]}
            <Grid item>
              <Typography variant="body2" color="textSecondary">
                You can read and export this postmortem. Only the impacted
                services’ owners and the incident’s role holders can review,
                publish or waive it.
              </Typography>
            </Grid>
          </>
        ) : (
          steps
        )}
      </Grid>
      <WaiveDialog
        open={waiving}
        onClose={() => setWaiving(false)}
        onWaive={reason => {
          setWaiving(false);
          props.onWaive(reason);
        }}
      />
    </>
  );
}
