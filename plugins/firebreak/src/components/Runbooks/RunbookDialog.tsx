import {
  MarkdownContent,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { entityName, RunbookLink } from './RunbookLink';

/**
 * A stored runbook as it is now — its text, checklist, team and entities — for pages that
 * link to one, such as an action item that updates it.
 *
 * @internal
 */
export function RunbookDialog(props: {
  runbookId: string;
  onClose: () => void;
}) {
  const api = useApi(firebreakApiRef);
  const runbook = useAsync(
    () => api.getRunbook(props.runbookId),
    [api, props.runbookId],
  );
  const value = runbook.value;
  return (
    <Dialog
      open
      onClose={props.onClose}
      fullWidth
      maxWidth="md"
      aria-labelledby="firebreak-runbook-dialog-title"
    >
      <DialogTitle id="firebreak-runbook-dialog-title">
        {value ? `Runbook: ${value.title}` : 'Runbook'}
      </DialogTitle>
      <DialogContent>
        {runbook.loading && <Progress />}
        {runbook.error && (
          <ResponseErrorPanel
            error={runbook.error}
            title="Could not load the runbook; close and try again"
          />
        )}
        {value && (
          <>
            <Typography variant="body2" color="textSecondary" gutterBottom>
              Version {value.version} · owned by {entityName(value.ownerRef)} ·
              for {value.entityRefs.map(entityName).join(', ')}
            </Typography>
            <MarkdownContent content={value.body} />
            {value.steps.length > 0 && (
              <ol aria-label="Checklist">
                {value.steps.map(step => (
                  <li key={step.id}>
                    {step.title}{' '}
                    {step.url && <RunbookLink title="open" url={step.url} />}
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Close</Button>
      </DialogActions>
    </Dialog>
  );
}
