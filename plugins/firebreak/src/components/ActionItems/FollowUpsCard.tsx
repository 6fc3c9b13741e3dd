import {
  InfoCard,
  InfoCardVariants,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { firebreakActionItemCreatePermission } from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { ListActionItemsRequest } from '../../api';
import { ActionItemsTable } from './ActionItemsTable';
import { AddActionItemDialog } from './AddActionItemDialog';
import { useActionItems } from './useActionItems';

function AddButton(props: {
  incident: { id: string; ref: string };
  entityRef?: string;
  postmortemId?: string;
  onAdded: () => void;
}) {
  const { allowed, loading } = usePermission({
    permission: firebreakActionItemCreatePermission,
    resourceRef: props.incident.id,
  });
  const [open, setOpen] = useState(false);
  return (
    <Box display="flex" alignItems="center" mb={1} style={{ gap: 8 }}>
      <Button
        variant="outlined"
        color="primary"
        disabled={loading || !allowed}
        onClick={() => setOpen(true)}
      >
        Add action item
      </Button>
      {!loading && !allowed && (
        <Typography variant="body2" color="textSecondary">
          Only owners of the impacted entities and the incident’s role holders
          may add action items.
        </Typography>
      )}
      {open && (
        <AddActionItemDialog
          open
          incidentRef={props.incident.ref}
          entityRef={props.entityRef}
          postmortemId={props.postmortemId}
          onClose={() => setOpen(false)}
          onCreated={() => {
            setOpen(false);
            props.onAdded();
          }}
        />
      )}
    </Box>
  );
}

/**
 * The list of a filter's action items, with its loading, error and empty states, and "Add
 * action item" when an incident is given.
 *
 * @internal
 */
export function FollowUpsContent(props: {
  filter: ListActionItemsRequest;
  /** Waits, for a filter not known yet. */
  skip?: boolean;
  emptyMessage: string;
  incident?: { id: string; ref: string };
  /** Items added here come from this postmortem. */
  postmortemId?: string;
  hideIncident?: boolean;
}) {
  const items = useActionItems(props.filter, { skip: props.skip });
  let body: ReactNode;
  if (items.error) {
    body = <ResponseErrorPanel error={items.error} />;
  } else if (!items.value) {
    body = <Progress />;
  } else {
    body = (
      <ActionItemsTable
        items={items.value.items}
        onChanged={items.reload}
        emptyMessage={props.emptyMessage}
        hideIncident={props.hideIncident}
      />
    );
  }
  return (
    <>
      {props.incident && (
        <AddButton
          incident={props.incident}
          postmortemId={props.postmortemId}
          onAdded={items.reload}
        />
      )}
      {body}
      {items.value?.nextCursor && (
        <Typography variant="body2" color="textSecondary">
          Showing the first {items.value.items.length}; narrow the list on the
          follow-ups page to see the rest.
        </Typography>
      )}
    </>
  );
}

/**
 * A card of action items for a filter.
 *
 * @internal
 */
export function FollowUpsCard(
  props: Parameters<typeof FollowUpsContent>[0] & {
    title: string;
    subheader?: string;
    variant?: InfoCardVariants;
    deepLink?: { title: string; link: string };
  },
) {
  const { title, subheader, variant, deepLink, ...content } = props;
  return (
    <InfoCard
      title={title}
      subheader={subheader}
      variant={variant}
      deepLink={deepLink}
    >
      <FollowUpsContent {...content} />
    </InfoCard>
  );
}
