import { Incident } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import IconButton from '@material-ui/core/IconButton';
import InputAdornment from '@material-ui/core/InputAdornment';
import TextField from '@material-ui/core/TextField';
import ClearIcon from '@material-ui/icons/Clear';
import { FormEvent, useState } from 'react';
import {
  checkIncidentTimes,
  IncidentTimesCheck,
  incidentTimesInput,
} from './checkIncidentTimes';
import { localZoneName, toLocalMinute } from './localTime';

/**
 * The form to correct when an incident's impact started and record when it was detected,
 * prefilled from the incident; Save sends only the times that changed.
 *
 * @internal
 */
export function IncidentTimesDialog(props: {
  open: boolean;
  /** The incident as it was when the dialog opened. */
  incident: Incident;
  onClose: () => void;
  /** Resolves once the change was made or refused; the dialog then closes. */
  onSave: (changes: IncidentTimesCheck['changes']) => void | Promise<void>;
}) {
  const { open, onClose } = props;
  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="firebreak-incident-times-title"
    >
      {/* The dialog unmounts the form once closed: each opening starts from the incident. */}
      <TimesForm {...props} />
    </Dialog>
  );
}

function TimesForm(props: Parameters<typeof IncidentTimesDialog>[0]) {
  const { incident, onClose, onSave } = props;
  const [input, setInput] = useState(() => incidentTimesInput(incident));
  const [saving, setSaving] = useState(false);
  const { changes, startedAtProblem, detectedAtProblem } = checkIncidentTimes(
    incident,
    input,
  );
  const zone = `your time zone, ${localZoneName()}`;
  const now = toLocalMinute(new Date().toISOString());
  const clearing = !input.detectedAt && changes.detectedAt === null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSaving(true);
    try {
      // The page reports what the backend refused, above its cards.
      await onSave(changes);
    } finally {
      setSaving(false);
    }
    onClose();
  };

  return (
    <form onSubmit={submit}>
      <DialogTitle id="firebreak-incident-times-title">Edit times</DialogTitle>
      <DialogContent>
        <Grid container spacing={2}>
          <Grid item xs={12} sm={6}>
            <TextField
              id="firebreak-incident-times-started-at"
              label="Started at"
              type="datetime-local"
              value={input.startedAt}
              onChange={e => setInput({ ...input, startedAt: e.target.value })}
              error={!!startedAtProblem}
              helperText={startedAtProblem ?? `When the impact began; ${zone}`}
              InputLabelProps={{ shrink: true }}
              inputProps={{ max: input.detectedAt || now }}
              required
              fullWidth
            />
          </Grid>
          <Grid item xs={12} sm={6}>
            <TextField
              id="firebreak-incident-times-detected-at"
              label="Detected at"
              type="datetime-local"
              value={input.detectedAt}
              onChange={e => setInput({ ...input, detectedAt: e.target.value })}
              error={!!detectedAtProblem}
              helperText={
                detectedAtProblem ??
                (clearing
                  ? `Saving clears it: not recorded; ${zone}`
                  : `When someone or an alert first noticed it; optional; ${zone}`)
              }
              InputLabelProps={{ shrink: true }}
              inputProps={{
                min: input.startedAt || undefined,
                max: toLocalMinute(incident.declaredAt),
              }}
              InputProps={{
                endAdornment: input.detectedAt ? (
                  <InputAdornment position="end">
                    <IconButton
                      size="small"
                      aria-label="Clear detected at"
                      onClick={() => setInput({ ...input, detectedAt: '' })}
                    >
                      <ClearIcon fontSize="small" />
                    </IconButton>
                  </InputAdornment>
                ) : undefined,
              }}
              fullWidth
            />
          </Grid>
        </Grid>
      </DialogContent>
      <DialogActions>
        <Button onClick={onClose}>Cancel</Button>
        <Button
          type="submit"
          color="primary"
          variant="contained"
          disabled={
            saving ||
            !!startedAtProblem ||
            !!detectedAtProblem ||
            Object.keys(changes).length === 0
          }
        >
          Save
        </Button>
      </DialogActions>
    </form>
  );
}
