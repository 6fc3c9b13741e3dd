import { Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ActionItem,
  ActionItemStatus,
  ACTION_ITEM_STATUSES,
  checkActionItemTransition,
  firebreakActionItemUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import MaterialLink from '@material-ui/core/Link';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableContainer from '@material-ui/core/TableContainer';
import TableRow from '@material-ui/core/TableRow';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { usePersonNames } from '../../oncall/usePersonNames';
import { incidentRouteRef } from '../../routes';
import { formatDue, STATUS_LABELS } from './format';
import { ItemTitle } from './ItemTitle';
import { RunbookDialog } from '../Runbooks/RunbookDialog';
import { StatusDialog } from './StatusDialog';
import { TicketCell } from './TicketCell';

const useStyles = makeStyles(theme => ({
  // The dark red: the main one is too faint on white and on the table's stripes.
  overdue: { color: theme.palette.error.dark, fontWeight: 700 },
  status: { minWidth: 120 },
  // Short column names stay on one line; the title column takes what is left.
  head: { '& th': { whiteSpace: 'nowrap' } },
  nowrap: { whiteSpace: 'nowrap' },
  title: { minWidth: 160 },
  runbook: { display: 'block', textAlign: 'left' },
}));

type Notice = { severity: 'warning' | 'error'; message: string };

function StatusControl(props: {
  item: ActionItem;
  onChange: (status: ActionItemStatus) => void;
  busy: boolean;
}) {
  const { item } = props;
  const classes = useStyles();
  const { allowed, loading } = usePermission({
    permission: firebreakActionItemUpdatePermission,
    resourceRef: item.id,
  });
  const choices = ACTION_ITEM_STATUSES.filter(
    status =>
      status === item.status ||
      checkActionItemTransition(item.status, status).allowed,
  );
  const disabledReason =
    !loading && !allowed
      ? 'You may not change this item: only its owners, their team and the incident’s responders may.'
      : undefined;
  return (
    <>
      <TextField
        select
        className={classes.status}
        size="small"
        id={`firebreak-action-item-status-${item.id}`}
        // The name holds the visible value, so speech input can say what is seen.
        inputProps={{
          'aria-label': `Status of ${item.title}: ${
            STATUS_LABELS[item.status]
          }`,
        }}
        value={item.status}
        disabled={loading || !allowed || props.busy}
        onChange={e => props.onChange(e.target.value as ActionItemStatus)}
      >
        {choices.map(status => (
          <MenuItem key={status} value={status}>
            {STATUS_LABELS[status]}
          </MenuItem>
        ))}
      </TextField>
      {/* Outside the field: a disabled field greys its helper text below AA contrast. */}
      {disabledReason && (
        <Typography
          variant="caption"
          color="textSecondary"
          display="block"
          title={disabledReason}
        >
          Read-only: its owners and responders may change it
        </Typography>
      )}
    </>
  );
}

/**
 * Action items as a table, in the order given (the backend lists overdue first), each linking
 * to the runbook it updates if any, with their status changed in place: against the version
 * shown, so a stale change is refused and the list reloaded rather than overwritten. Items
 * without a ticket offer to create one in their entity's tracker.
 *
 * @public
 */
export function ActionItemsTable(props: {
  items: ActionItem[];
  /** Called after a change, or when the items shown turned out to be stale. */
  onChanged: () => void;
  /** What the table says when there are no items. */
  emptyMessage?: string;
  /** Leaves out which incident each item comes from, on an incident's own page. */
  hideIncident?: boolean;
}) {
  const { items, onChanged } = props;
  const classes = useStyles();
  const api = useApi(firebreakApiRef);
  const incidentLink = useRouteRef(incidentRouteRef);
  const nameOf = usePersonNames(items.map(item => item.ownerRef));
  const [asking, setAsking] = useState<{
    item: ActionItem;
    status: 'done' | 'wont_do';
  }>();
  const [busy, setBusy] = useState<string>();
  const [notice, setNotice] = useState<Notice>();
  const [runbookShown, setRunbookShown] = useState<string>();

  const change = async (
    item: ActionItem,
    status: ActionItemStatus,
    wontDoReason?: string,
  ) => {
    setBusy(item.id);
    setNotice(undefined);
    try {
      await api.updateActionItem(item.id, {
        version: item.version,
        status,
        ...(wontDoReason ? { wontDoReason } : {}),
      });
      onChanged();
    } catch (error) {
      if (isConflict(error)) {
        setNotice({
          severity: 'warning',
          message: `Someone else changed “${item.title}” first, so your change was not saved. The list has been reloaded: check the item and try again.`,
        });
        onChanged();
      } else {
        setNotice({
          severity: 'error',
          message: `Could not change “${item.title}”: ${describeFailure(
            error,
          )}`,
        });
      }
    } finally {
      setBusy(undefined);
      setAsking(undefined);
    }
  };

  const choose = (item: ActionItem, status: ActionItemStatus) => {
    if (status === item.status) return;
    if (status === 'done' || status === 'wont_do') {
      setAsking({ item, status });
    } else {
      change(item, status);
    }
  };

  return (
    <>
      {notice && (
        <Alert severity={notice.severity} onClose={() => setNotice(undefined)}>
          {notice.message}
        </Alert>
      )}
      {items.length === 0 ? (
        <Typography variant="body1">
          {props.emptyMessage ?? 'No follow-ups here.'}
        </Typography>
      ) : (
        // Scrolls rather than cuts off its last columns where the page is narrow.
        <TableContainer>
          <Table size="small" aria-label="Follow-ups">
            <TableHead className={classes.head}>
              <TableRow>
                <TableCell>Title</TableCell>
                <TableCell>Owner</TableCell>
                <TableCell>Due</TableCell>
                <TableCell>Status</TableCell>
                <TableCell>Ticket</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {items.map(item => (
                <TableRow key={item.id}>
                  <TableCell className={classes.title}>
                    <ItemTitle
                      item={item}
                      incident={
                        props.hideIncident ? undefined : (
                          // Underlined: in a line of text, colour alone does not mark it
                          // as a link (WCAG link-in-text-block).
                          <Link
                            to={incidentLink({ ref: item.incidentRef })}
                            underline="always"
                          >
                            {item.incidentRef}
                          </Link>
                        )
                      }
                    />
                    {item.runbookId && (
                      <MaterialLink
                        component="button"
                        variant="body2"
                        className={classes.runbook}
                        aria-label={`The runbook of ${item.title}`}
                        onClick={() => setRunbookShown(item.runbookId)}
                      >
                        Runbook
                      </MaterialLink>
                    )}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {nameOf(item.ownerRef)}
                  </TableCell>
                  <TableCell className={classes.nowrap}>
                    {item.dueAt ? formatDue(item.dueAt) : 'No due date'}
                    {item.overdue && (
                      <Typography
                        component="span"
                        variant="body2"
                        display="block"
                        className={classes.overdue}
                      >
                        overdue
                      </Typography>
                    )}
                  </TableCell>
                  <TableCell>
                    <StatusControl
                      item={item}
                      busy={busy === item.id}
                      onChange={status => choose(item, status)}
                    />
                  </TableCell>
                  <TableCell>
                    <TicketCell
                      item={item}
                      onChanged={onChanged}
                      onNotice={setNotice}
                    />
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableContainer>
      )}
      {runbookShown && (
        <RunbookDialog
          runbookId={runbookShown}
          onClose={() => setRunbookShown(undefined)}
        />
      )}
      {asking && (
        <StatusDialog
          item={asking.item}
          status={asking.status}
          busy={busy === asking.item.id}
          onCancel={() => setAsking(undefined)}
          onConfirm={reason => change(asking.item, asking.status, reason)}
        />
      )}
    </>
  );
}
