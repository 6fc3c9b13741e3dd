import { InfoCard } from '@backstage/core-components';
import { PostmortemRunbookUsed } from '@firebreak/backstage-plugin-common';
import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { RunbookVersionsDialog } from '../Runbooks/RunbookVersionsDialog';

/**
 * The stored runbook versions whose steps were ticked during the covered incidents; each opens
 * the runbook's history at that version.
 *
 * @internal
 */
export function RunbooksUsedCard(props: {
  runbooksUsed: PostmortemRunbookUsed[];
  published: boolean;
}) {
  const { runbooksUsed, published } = props;
  const [open, setOpen] = useState<PostmortemRunbookUsed>();
  return (
    <InfoCard
      title="Runbooks used"
      subheader={
        published
          ? 'As they were when the postmortem was published.'
          : 'From the runbook steps ticked during the incident.'
      }
    >
      {runbooksUsed.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No stored runbook steps were ticked during the incident.
        </Typography>
      ) : (
        <List dense>
          {runbooksUsed.map(used => (
            <ListItem key={`${used.runbookId} ${used.version}`} divider>
              <ListItemText
                primary={
                  <Link
                    component="button"
                    variant="body2"
                    onClick={() => setOpen(used)}
                  >
                    {used.title}, version {used.version}
                  </Link>
                }
                secondary={`${used.stepsTicked} step${
                  used.stepsTicked === 1 ? '' : 's'
                } ticked`}
              />
            </ListItem>
          ))}
        </List>
      )}
      <RunbookVersionsDialog
        runbookId={open?.runbookId}
        title={open?.title ?? ''}
        initialVersion={open?.version}
        onClose={() => setOpen(undefined)}
      />
    </InfoCard>
  );
}
