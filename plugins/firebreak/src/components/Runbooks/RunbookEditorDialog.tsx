import { useApi } from '@backstage/core-plugin-api';
import {
  CreateRunbookRequest,
  Runbook,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormGroup from '@material-ui/core/FormGroup';
import FormLabel from '@material-ui/core/FormLabel';
import IconButton from '@material-ui/core/IconButton';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import Alert from '@material-ui/lab/Alert';
import { useEffect, useState } from 'react';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';

type StepDraft = {
  id?: string;
  key: number;
  title: string;
  url?: string;
  body?: string;
};

type Draft = {
  title: string;
  body: string;
  ownerRef: string;
  entityRefs: string;
  severities: string[];
  steps: StepDraft[];
};

let nextKey = 1;

function draftOf(
  runbook: Runbook | undefined,
  defaults: { entityRef: string; ownerRef: string },
): Draft {
  return {
    title: runbook?.title ?? '',
    body: runbook?.body ?? '',
    ownerRef: runbook?.ownerRef ?? defaults.ownerRef,
    entityRefs: (runbook?.entityRefs ?? [defaults.entityRef]).join(', '),
    severities: runbook?.severities ?? [],
    steps: (runbook?.steps ?? []).map(step => ({ ...step, key: nextKey++ })),
  };
}

function requestOf(draft: Draft): CreateRunbookRequest {
  return {
    title: draft.title.trim(),
    body: draft.body,
    ownerRef: draft.ownerRef.trim(),
    entityRefs: draft.entityRefs
      .split(/[\s,]+/)
      .map(ref => ref.trim())
      .filter(Boolean),
    severities: draft.severities,
    steps: draft.steps
      .filter(step => step.title.trim())
      .map(({ key: _key, ...step }) => ({ ...step, title: step.title.trim() })),
  };
}

/** What the draft lacks before it can be saved, said as what to do; undefined when complete. */
function missingField(draft: Draft): string | undefined {
  if (!draft.title.trim()) return 'Give the runbook a title.';
  if (!draft.ownerRef.trim()) return 'Name the owner group.';
  if (!requestOf(draft).entityRefs.length) {
    return 'Attach it to at least one entity.';
  }
  return undefined;
}

/**
 * Writes a new runbook, or a new version of one against the version it was opened on. When
 * someone else saved first (409) it reloads the newest version and says so; it never overwrites.
 *
 * @internal
 */
export function RunbookEditorDialog(props: {
  open: boolean;
  /** The runbook to edit; a new runbook when left out. */
  runbook?: Runbook;
  entityRef: string;
  ownerRef: string;
  severityOptions: string[];
  onClose: () => void;
  onSaved: (runbook: Runbook) => void;
}) {
  const api = useApi(firebreakApiRef);
  const { open, entityRef, ownerRef } = props;
  const [base, setBase] = useState<Runbook | undefined>(props.runbook);
  const [draft, setDraft] = useState(() =>
    draftOf(props.runbook, { entityRef, ownerRef }),
  );
  const [saving, setSaving] = useState(false);
  const [problem, setProblem] = useState<{
    severity: 'error' | 'warning';
    message: string;
  }>();

  useEffect(() => {
    if (open) {
      setBase(props.runbook);
      setDraft(draftOf(props.runbook, { entityRef, ownerRef }));
      setProblem(undefined);
    }
  }, [open, props.runbook, entityRef, ownerRef]);

  const change = (patch: Partial<Draft>) => setDraft(d => ({ ...d, ...patch }));
  const setStep = (index: number, patch: Partial<StepDraft>) =>
    change({
      steps: draft.steps.map((s, i) => (i === index ? { ...s, ...patch } : s)),
    });
  const move = (index: number, by: number) => {
    const steps = [...draft.steps];
    const [step] = steps.splice(index, 1);
    steps.splice(index + by, 0, step);
    change({ steps });
  };

  const missing = missingField(draft);

  const save = async () => {
    setSaving(true);
    setProblem(undefined);
    try {
      const saved = base
        ? await api.updateRunbook(base.id, {
            ...requestOf(draft),
            version: base.latestVersion,
          })
        : await api.createRunbook(requestOf(draft));
      props.onSaved(saved);
    } catch (error) {
      if (base && isConflict(error)) {
        try {
          const newest = await api.getRunbook(base.id);
          setBase(newest);
          setDraft(draftOf(newest, { entityRef, ownerRef }));
          setProblem({
            severity: 'warning',
            message: `Someone saved version ${newest.latestVersion} of this runbook while you were editing. The editor now shows that version; your changes were not saved — make them again and save.`,
          });
        } catch (reloadError) {
          setProblem({
            severity: 'error',
            message: `Someone else saved this runbook first, and reloading it failed: ${describeFailure(
              reloadError,
            )}. Close the editor and open it again.`,
          });
        }
      } else {
        setProblem({
          severity: 'error',
          message: `Could not save the runbook: ${describeFailure(error)}`,
        });
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onClose={props.onClose} fullWidth maxWidth="md">
      <DialogTitle>
        {base ? `Edit runbook (version ${base.latestVersion})` : 'New runbook'}
      </DialogTitle>
      <DialogContent>
        {problem && (
          <Alert severity={problem.severity}>{problem.message}</Alert>
        )}
        <TextField
          id="runbook-editor-title"
          label="Title"
          value={draft.title}
          onChange={e => change({ title: e.target.value })}
          fullWidth
          required
          margin="dense"
        />
        <TextField
          id="runbook-editor-body"
          label="Body (Markdown)"
          value={draft.body}
          onChange={e => change({ body: e.target.value })}
          fullWidth
          multiline
          minRows={5}
          margin="dense"
        />
        <FormLabel component="legend" style={{ marginTop: 16 }}>
          Checklist steps
        </FormLabel>
        {draft.steps.length === 0 && (
          <Typography variant="body2" color="textSecondary">
            No steps yet: add the actions a responder should tick off.
          </Typography>
        )}
        {draft.steps.map((step, index) => (
          <div key={step.key} style={{ display: 'flex', alignItems: 'center' }}>
            <TextField
              id={`runbook-editor-step-${step.key}`}
              label={`Step ${index + 1}`}
              value={step.title}
              onChange={e => setStep(index, { title: e.target.value })}
              fullWidth
              margin="dense"
            />
            <IconButton
              aria-label={`Move step ${index + 1} up`}
              disabled={index === 0}
              onClick={() => move(index, -1)}
            >
              <ArrowUpwardIcon />
            </IconButton>
            <IconButton
              aria-label={`Move step ${index + 1} down`}
              disabled={index === draft.steps.length - 1}
              onClick={() => move(index, 1)}
            >
              <ArrowDownwardIcon />
            </IconButton>
            <IconButton
              aria-label={`Remove step ${index + 1}`}
              onClick={() =>
                change({ steps: draft.steps.filter((_, i) => i !== index) })
              }
            >
              <DeleteIcon />
            </IconButton>
          </div>
        ))}
        <Button
          size="small"
          onClick={() =>
            change({ steps: [...draft.steps, { key: nextKey++, title: '' }] })
          }
        >
          Add step
        </Button>
        <FormLabel component="legend" style={{ marginTop: 16 }}>
          Severities (none ticked: every severity)
        </FormLabel>
        <FormGroup row>
          {props.severityOptions.map(severity => (
            <FormControlLabel
              key={severity}
              label={severity}
              control={
                <Checkbox
                  checked={draft.severities.includes(severity)}
                  onChange={e =>
                    change({
                      severities: e.target.checked
                        ? [...draft.severities, severity]
                        : draft.severities.filter(s => s !== severity),
                    })
                  }
                />
              }
            />
          ))}
        </FormGroup>
        <TextField
          id="runbook-editor-entities"
          label="Entities (entity refs, comma separated)"
          value={draft.entityRefs}
          onChange={e => change({ entityRefs: e.target.value })}
          fullWidth
          margin="dense"
        />
        <TextField
          id="runbook-editor-owner"
          label="Owner group"
          value={draft.ownerRef}
          onChange={e => change({ ownerRef: e.target.value })}
          fullWidth
          margin="dense"
        />
      </DialogContent>
      <DialogActions>
        {missing && (
          <Typography variant="body2" color="textSecondary">
            {missing}
          </Typography>
        )}
        <Button onClick={props.onClose}>Cancel</Button>
        <Button
          color="primary"
          variant="contained"
          disabled={saving || !!missing}
          onClick={save}
        >
          {saving ? 'Saving…' : 'Save'}
        </Button>
      </DialogActions>
    </Dialog>
  );
}
