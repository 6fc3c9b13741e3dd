import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  ActionItem,
  ActionItemPriority,
  ActionItemType,
  ACTION_ITEM_PRIORITIES,
  ACTION_ITEM_TYPES,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import { SingleEntityPicker } from '../CatalogEntityPicker/SingleEntityPicker';

const FIELDS = [
  'title',
  'type',
  'description',
  'ownerRef',
  'ownerGroupRef',
  'priority',
  'dueAt',
  'ticketUrl',
] as const;
type Field = (typeof FIELDS)[number];

/** How the types read in the form. */
/** The kinds as the dialog offers them: what each is for. */
const TYPE_CHOICES: Record<ActionItemType, string> = {
  prevent: 'Prevent: so it does not happen again',
  detect: 'Detect: so we notice sooner',
  mitigate: 'Mitigate: so it hurts less',
  process: 'Process: how we work, docs, runbooks',
};

/**
 * What the dialog starts with, from where it was opened: "Update this runbook" fills in the
 * title, the type, the owning team and the runbook.
 *
 * @internal
 */
export interface ActionItemPrefill {
  title?: string;
  type?: ActionItemType;
  description?: string;
  ownerGroupRef?: string;
  /** The stored runbook the item updates. */
  runbook?: { id: string; title: string };
}

/** The backend names the field first: "ticketUrl: must be an http or https URL". */
function fieldErrorOf(message: string): { field?: Field; text: string } {
  const match = /^(\w+): (.*)$/s.exec(message);
  const field = FIELDS.find(f => f === match?.[1]);
  return field ? { field, text: match![2] } : { text: message };
}

/**
 * "Add action item": a follow-up of an incident, owned by a person or a team.
 *
 * @internal
 */
export function AddActionItemDialog(props: {
  open: boolean;
  incidentRef: string;
  /** The entity the item is about; the backend defaults to the incident's first. */
  entityRef?: string;
  /** The postmortem the item comes from, when it is added there. */
  postmortemId?: string;
  prefill?: ActionItemPrefill;
  onClose: () => void;
  onCreated: (item: ActionItem) => void;
}) {
  const api = useApi(firebreakApiRef);
  const identityApi = useApi(identityApiRef);
  const self = useAsync(
    async () =>
      (
        await identityApi.getBackstageIdentity()
      ).userEntityRef.toLocaleLowerCase('en-US'),
    [identityApi],
  );
  const { prefill = {} } = props;
  const [title, setTitle] = useState(prefill.title ?? '');
  const [type, setType] = useState<ActionItemType>(prefill.type ?? 'prevent');
  const [description, setDescription] = useState(prefill.description ?? '');
  const [ownerRef, setOwnerRef] = useState<string>();
  const [ownerGroupRef, setOwnerGroupRef] = useState(prefill.ownerGroupRef);
  const [priority, setPriority] = useState<ActionItemPriority>('P1');
  const [due, setDue] = useState('');
  const [ticketUrl, setTicketUrl] = useState('');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field?: Field; text: string }>();
  const owner = ownerRef ?? self.value;

  const fieldError = (field: Field) =>
    problem?.field === field ? problem.text : undefined;

  const submit = async () => {
    if (!owner) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const item = await api.createActionItem({
        title: title.trim(),
        type,
        ...(description.trim() ? { description } : {}),
        ownerRef: owner,
        ...(ownerGroupRef ? { ownerGroupRef } : {}),
        priority,
        incidentRef: props.incidentRef,
        ...(props.entityRef ? { entityRef: props.entityRef } : {}),
        ...(props.postmortemId ? { postmortemId: props.postmortemId } : {}),
        ...(prefill.runbook ? { runbookId: prefill.runbook.id } : {}),
        // The end of the chosen day where the reader is.
        ...(due
          ? { dueAt: DateTime.fromISO(due).endOf('day').toUTC().toISO()! }
          : {}),
        ...(ticketUrl.trim() ? { ticketUrl: ticketUrl.trim() } : {}),
      });
      props.onCreated(item);
    } catch (error) {
      setProblem(fieldErrorOf(describeFailure(error)));
    } finally {
      setBusy(false);
    }
  };

  const missingTitle = title.trim() === '';
  return (
    <Dialog
      open={props.open}
      onClose={props.onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="firebreak-add-action-item-title"
    >
      <DialogTitle id="firebreak-add-action-item-title">
        Add action item to {props.incidentRef}
      </DialogTitle>
      <DialogContent>
        {problem && !problem.field && (
          <Alert severity="error">
            Could not add the action item: {problem.text}
          </Alert>
        )}
        <TextField
          id="firebreak-action-item-title"
          label="Title"
          required
          fullWidth
          margin="normal"
          value={title}
          onChange={e => setTitle(e.target.value)}
          error={!!fieldError('title')}
          helperText={fieldError('title') ?? 'What will be done, in a line'}
        />
        {prefill.runbook && (
          <Typography variant="body2" color="textSecondary">
            Linked to the runbook “{prefill.runbook.title}”.
          </Typography>
        )}
        <TextField
          id="firebreak-action-item-type"
          select
          label="Kind"
          fullWidth
          margin="normal"
          value={type}
          onChange={e => setType(e.target.value as ActionItemType)}
          error={!!fieldError('type')}
          helperText={fieldError('type')}
        >
          {ACTION_ITEM_TYPES.map(t => (
            <MenuItem key={t} value={t}>
              {TYPE_CHOICES[t]}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="firebreak-action-item-description"
          label="Description (optional, Markdown)"
          multiline
          minRows={3}
          fullWidth
          margin="normal"
          variant="outlined"
          value={description}
          onChange={e => setDescription(e.target.value)}
          error={!!fieldError('description')}
          helperText={fieldError('description')}
        />
        <SingleEntityPicker
          id="firebreak-action-item-owner"
          label="Owner"
          kinds={['user', 'group']}
          value={owner}
          youRef={self.value}
          onChange={setOwnerRef}
          noMatchText="Nobody and no team by that name"
          error={!!fieldError('ownerRef')}
          helperText={
            fieldError('ownerRef') ?? 'A person, or a team (it gets reminders)'
          }
        />
        <SingleEntityPicker
          id="firebreak-action-item-owner-group"
          label="Owning team (optional)"
          kinds={['group']}
          value={ownerGroupRef}
          onChange={setOwnerGroupRef}
          noMatchText="No team by that name"
          error={!!fieldError('ownerGroupRef')}
          helperText={
            fieldError('ownerGroupRef') ??
            'The team that owes it; by default the owner if a team, else the owner of the entity'
          }
        />
        <TextField
          id="firebreak-action-item-priority"
          select
          label="Priority"
          fullWidth
          margin="normal"
          value={priority}
          onChange={e => setPriority(e.target.value as ActionItemPriority)}
          error={!!fieldError('priority')}
          helperText={fieldError('priority')}
        >
          {ACTION_ITEM_PRIORITIES.map(p => (
            <MenuItem key={p} value={p}>
              {p}
            </MenuItem>
          ))}
        </TextField>
        <TextField
          id="firebreak-action-item-due"
          type="date"
          label="Due date (optional)"
          fullWidth
          margin="normal"
          InputLabelProps={{ shrink: true }}
          value={due}
          onChange={e => setDue(e.target.value)}
          error={!!fieldError('dueAt')}
          helperText={
            fieldError('dueAt') ??
            'Leave empty for the default of the priority and the incident’s severity'
          }
        />
        <TextField
          id="firebreak-action-item-ticket"
          label="Ticket URL (optional)"
          fullWidth
          margin="normal"
          value={ticketUrl}
          onChange={e => setTicketUrl(e.target.value)}
          error={!!fieldError('ticketUrl')}
          helperText={
            fieldError('ticketUrl') ?? 'An issue in your tracker, http or https'
          }
        />
      </DialogContent>
      <DialogActions>
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={busy || missingTitle || !owner}
          title={missingTitle ? 'Give the item a title first' : undefined}
          onClick={submit}
        >
          Add action item
        </Button>
      </DialogActions>
    </Dialog>
  );
}
