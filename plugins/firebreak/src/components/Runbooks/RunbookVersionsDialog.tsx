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
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { formatIncidentInstant } from '../IncidentPage/formatIncidentInstant';
import { entityName } from './RunbookLink';

/**
 * The history of a stored runbook, newest first; choosing a version shows it as it was. It
 * opens on `initialVersion` when given (a version a postmortem says was used).
 *
 * @internal
 */
export function RunbookVersionsDialog(props: {
  runbookId?: string;
  title: string;
  initialVersion?: number;
  onClose: () => void;
}) {
  const api = useApi(firebreakApiRef);
  const { runbookId, initialVersion } = props;
  const [shown, setShown] = useState<number>();
  useEffect(() => {
    if (runbookId) setShown(initialVersion);
  }, [runbookId, initialVersion]);
  const versions = useAsync(
    async () => (runbookId ? api.listRunbookVersions(runbookId) : undefined),
    [api, runbookId],
  );
  const version = useAsync(
    async () =>
      runbookId && shown !== undefined
        ? api.getRunbook(runbookId, shown)
        : undefined,
    [api, runbookId, shown],
  );
  return (
    <Dialog
      open={!!runbookId}
      onClose={() => {
        setShown(undefined);
        props.onClose();
      }}
      fullWidth
      maxWidth="md"
    >
      <DialogTitle>History of “{props.title}”</DialogTitle>
      <DialogContent>
        {versions.loading && <Progress />}
        {versions.error && (
          <ResponseErrorPanel
            error={versions.error}
            title="Could not load the history; close and try again"
          />
        )}
        <List dense aria-label="Versions">
          {versions.value?.items.map(item => (
            <ListItem
              key={item.version}
              button
              selected={item.version === shown}
              onClick={() => setShown(item.version)}
            >
              <ListItemText
                primary={`Version ${item.version}: ${item.title}`}
                secondary={`Saved by ${entityName(
                  item.createdBy,
                )} ${formatIncidentInstant(item.createdAt)}`}
              />
            </ListItem>
          ))}
        </List>
        {shown === undefined && (
          <Typography variant="body2" color="textSecondary">
            Choose a version to see it as it was.
          </Typography>
        )}
        {version.error && <ResponseErrorPanel error={version.error} />}
        {version.value && (
          <section aria-label={`Version ${version.value.version}`}>
            <Typography variant="h6">
              {version.value.title} (version {version.value.version})
            </Typography>
            <MarkdownContent content={version.value.body} />
            <ol>
              {version.value.steps.map(step => (
                <li key={step.id}>{step.title}</li>
              ))}
            </ol>
          </section>
        )}
      </DialogContent>
      <DialogActions>
        <Button
          onClick={() => {
            setShown(undefined);
            props.onClose();
          }}
        >
          Close
        </Button>
      </DialogActions>
    </Dialog>
  );
}
