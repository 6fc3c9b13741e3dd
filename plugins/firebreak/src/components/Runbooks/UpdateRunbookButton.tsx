import { Incident, IncidentRunbook } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import {
  ActionItemPrefill,
  AddActionItemDialog,
} from '../ActionItems/AddActionItemDialog';

/** Why "Update this runbook" is disabled for this user. */
export const UPDATE_RUNBOOK_DENIED_REASON =
  'Only owners of the impacted entities and the incident’s role holders may add action items.';

/**
 * What "Update this runbook" fills the action item in with: a stored runbook is linked and its
 * team owes the item; a linked one is named by its URL in the description.
 *
 * @internal
 */
export function updateRunbookPrefill(
  runbook: IncidentRunbook,
): ActionItemPrefill {
  const common = {
    title: `Update runbook: ${runbook.title}`,
    type: 'process' as const,
  };
  if (runbook.source === 'stored' && runbook.id) {
    return {
      ...common,
      ownerGroupRef: runbook.ownerRef,
      runbook: { id: runbook.id, title: runbook.title },
    };
  }
  return runbook.url
    ? { ...common, description: `The runbook to update: ${runbook.url}` }
    : common;
}

/**
 * "Update this runbook" on an incident's runbook: opens "Add action item" filled in for it.
 *
 * @internal
 */
export function UpdateRunbookButton(props: {
  incident: Pick<Incident, 'ref'>;
  runbook: IncidentRunbook;
  /** Whether the user may add action items to the incident; undefined while asking. */
  allowed: boolean | undefined;
}) {
  const { incident, runbook, allowed } = props;
  const [open, setOpen] = useState(false);
  const [added, setAdded] = useState<string>();
  return (
    <>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        disabled={allowed !== true}
        title={allowed === false ? UPDATE_RUNBOOK_DENIED_REASON : undefined}
        aria-label={`Update this runbook: ${runbook.title}`}
        onClick={() => {
          setAdded(undefined);
          setOpen(true);
        }}
      >
        Update this runbook
      </Button>
      {added && (
        <Typography
          variant="caption"
          color="textSecondary"
          role="status"
          style={{ marginLeft: 8 }}
        >
          Added “{added}” to the follow-ups.
        </Typography>
      )}
      {open && (
        <AddActionItemDialog
          open
          incidentRef={incident.ref}
          entityRef={runbook.entityRefs[0]}
          prefill={updateRunbookPrefill(runbook)}
          onClose={() => setOpen(false)}
          onCreated={item => {
            setOpen(false);
            setAdded(item.title);
          }}
        />
      )}
    </>
  );
}
