import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ActionItem,
  firebreakActionItemUpdatePermission,
  isActionItemPending,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import { useState } from 'react';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { isHttpUrl } from '../isHttpUrl';

/**
 * What the ticket cell tells the table: a failure to show above it.
 *
 * @internal
 */
export type TicketNotice = { severity: 'warning' | 'error'; message: string };

/**
 * The ticket of an action item in the follow-ups table: a link to it when there is one (named by
 * the tracker's id when Firebreak created it), otherwise — for an open or in-progress item the
 * user may change — "Create ticket", which files it in the tracker of the item's entity.
 * Failures are told in the backend's words, which say what to fix (such as an annotation the
 * entity lacks).
 *
 * @internal
 */
export function TicketCell(props: {
  item: ActionItem;
  /** Called once the ticket is linked, or when the item shown turned out to be stale. */
  onChanged: () => void;
  onNotice: (notice: TicketNotice | undefined) => void;
}) {
  const { item, onChanged, onNotice } = props;
  const api = useApi(firebreakApiRef);
  const [creating, setCreating] = useState(false);
  // The answer shows the link at once, before the list is reloaded.
  const [linked, setLinked] = useState<ActionItem>();
  const shown =
    linked?.id === item.id && linked.version > item.version ? linked : item;
  const { allowed, loading } = usePermission({
    permission: firebreakActionItemUpdatePermission,
    resourceRef: item.id,
  });

  if (shown.ticketUrl) {
    return isHttpUrl(shown.ticketUrl) ? (
      <Link to={shown.ticketUrl}>
        {shown.ticket ? `Ticket ${shown.ticket.externalId}` : 'Ticket'}
      </Link>
    ) : (
      <>—</>
    );
  }
  if (loading || !allowed || !isActionItemPending(item.status)) {
    return <>—</>;
  }

  const create = async () => {
    setCreating(true);
    onNotice(undefined);
    try {
      setLinked(await api.createActionItemTicket(item.id, item.version));
      onChanged();
    } catch (error) {
      if (isConflict(error)) {
        onNotice({
          severity: 'warning',
          message: `No ticket was created for “${
            item.title
          }”: ${describeFailure(error)}. The list has been reloaded.`,
        });
        onChanged();
      } else {
        onNotice({
          severity: 'error',
          message: `Could not create a ticket for “${
            item.title
          }”: ${describeFailure(error)}`,
        });
      }
    } finally {
      setCreating(false);
    }
  };

  return (
    <Button
      size="small"
      variant="outlined"
      color="primary"
      disabled={creating}
      style={{ whiteSpace: 'nowrap' }}
      aria-label={`Create ticket for ${item.title}`}
      onClick={create}
    >
      {creating ? 'Creating…' : 'Create ticket'}
    </Button>
  );
}
