import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { computePriority, Incident } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { FormEvent, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import { ImpactedEntitiesPicker } from '../CatalogEntityPicker';
import {
  LOCAL_MINUTE,
  localZoneName,
  parsePastInstant,
} from '../IncidentTimes';
import { CommanderChoice } from './CommanderChoice';

/**
 * The form to declare an incident, prefilled with the impacted entity.
 *
 * @public
 */
export function DeclareIncidentDialog(props: {
  open: boolean;
  entityRefs: string[];
  onClose: () => void;
  onDeclared: (incident: Incident) => void;
}) {
  const { open, onClose, onDeclared } = props;
  const api = useApi(firebreakApiRef);
  const settings = useAsync(() => api.getSettings(), [api]);
  const [title, setTitle] = useState('');
  const [summary, setSummary] = useState('');
  const [severity, setSeverity] = useState('');
  const [impact, setImpact] = useState('');
  const [urgency, setUrgency] = useState('');
  const [entityRefs, setEntityRefs] = useState(props.entityRefs);
  // By default the backend makes the first person paged commander, else the declarer.
  const [takeCommand, setTakeCommand] = useState(false);
  const identityApi = useApi(identityApiRef);
  const myRef = useAsync(
    async () => (await identityApi.getBackstageIdentity()).userEntityRef,
    [identityApi],
  ).value;
  const [startedAtInput, setStartedAtInput] = useState('');
  const [detectedAtInput, setDetectedAtInput] = useState('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string>();

  const levels = settings.value?.severities ?? [];
  const level = levels.find(l => l.id === severity);

  // Picking a severity proposes its usual impact and urgency.
  useEffect(() => {
    if (level) {
      setImpact(level.defaultImpact);
      setUrgency(level.defaultUrgency);
    }
  }, [level]);

  // Declaring from another entity's page starts again from that entity.
  const presetKey = props.entityRefs.join('\n');
  useEffect(() => {
    setEntityRefs(presetKey.split('\n').filter(Boolean));
  }, [presetKey]);

  // When the trouble started (empty: when it was detected, else now) and when someone noticed.
  const { instant: startedAt, problem: startedAtProblem } =
    parsePastInstant(startedAtInput);
  const detected = parsePastInstant(detectedAtInput);
  const detectedAt = detected.instant;
  const detectedAtProblem =
    detected.problem ??
    (detectedAt && startedAt && Date.parse(detectedAt) < Date.parse(startedAt)
      ? 'Cannot be before the impact started'
      : undefined);

  const priority =
    settings.value && impact && urgency
      ? computePriority(settings.value.priority, impact, urgency)
      : undefined;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitting(true);
    setError(undefined);
    try {
      const incident = await api.declareIncident({
        title,
        summary: summary || undefined,
        severity,
        impact,
        urgency,
        entityRefs,
        commanderRef: takeCommand ? myRef : undefined,
        startedAt,
        detectedAt,
      });
      onDeclared(incident);
    } catch (e) {
      setError(describeFailure(e));
    } finally {
      setSubmitting(false);
    }
  };

  return (
    <Dialog
      open={open}
      onClose={onClose}
      fullWidth
      maxWidth="sm"
      aria-labelledby="firebreak-declare-dialog-title"
    >
      <form onSubmit={submit}>
        <DialogTitle id="firebreak-declare-dialog-title">
          Declare an incident
        </DialogTitle>
        <DialogContent>
          <Grid container spacing={2}>
            <Grid item xs={12}>
              <TextField
                id="firebreak-declare-title"
                label="Title"
                helperText="What is broken, as customers see it"
                value={title}
                onChange={e => setTitle(e.target.value)}
                required
                fullWidth
              />
            </Grid>
            <Grid item xs={12}>
              <TextField
                select
                label="Severity"
                value={severity}
                onChange={e => setSeverity(e.target.value)}
                helperText={level?.description ?? 'How bad is it?'}
                required
                fullWidth
                SelectProps={{ inputProps: { 'aria-label': 'Severity' } }}
              >
                {levels.map(l => (
                  <MenuItem key={l.id} value={l.id}>
                    {l.name}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={6}>
              <TextField
                select
                id="firebreak-declare-impact"
                label="Impact"
                value={impact}
                onChange={e => setImpact(e.target.value)}
                helperText={
                  settings.value?.priority.impacts.find(l => l.id === impact)
                    ?.description
                }
                SelectProps={{
                  // The description goes below: in the field it would be cut off.
                  renderValue: id =>
                    settings.value?.priority.impacts.find(l => l.id === id)
                      ?.name ?? String(id),
                }}
                fullWidth
              >
                {(settings.value?.priority.impacts ?? []).map(i => (
                  <MenuItem key={i.id} value={i.id}>
                    {i.name} – {i.description}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={6}>
              <TextField
                select
                id="firebreak-declare-urgency"
                label="Urgency"
                value={urgency}
                onChange={e => setUrgency(e.target.value)}
                helperText={
                  settings.value?.priority.urgencies.find(l => l.id === urgency)
                    ?.description
                }
                SelectProps={{
                  // The description goes below: in the field it would be cut off.
                  renderValue: id =>
                    settings.value?.priority.urgencies.find(l => l.id === id)
                      ?.name ?? String(id),
                }}
                fullWidth
              >
                {(settings.value?.priority.urgencies ?? []).map(u => (
                  <MenuItem key={u.id} value={u.id}>
                    {u.name} – {u.description}
                  </MenuItem>
                ))}
              </TextField>
            </Grid>
            <Grid item xs={12}>
              <Typography variant="body2">
                Priority: <strong>{priority ?? '—'}</strong>
              </Typography>
            </Grid>
            <Grid item xs={12}>
              <ImpactedEntitiesPicker
                id="firebreak-declare-entities"
                label="Impacted entities"
                helperText="Add the components, systems, APIs or resources that are affected"
                value={entityRefs}
                onChange={setEntityRefs}
              />
            </Grid>
            <Grid item xs={12}>
              <CommanderChoice
                entityRefs={entityRefs}
                takeCommand={takeCommand}
                onTakeCommandChange={setTakeCommand}
                userRef={myRef}
              />
            </Grid>
            <Grid item xs={12} sm={6}>
              <TextField
                id="firebreak-declare-started-at"
                label="Started at"
                type="datetime-local"
                value={startedAtInput}
                onChange={e => setStartedAtInput(e.target.value)}
                error={!!startedAtProblem}
                helperText={
                  startedAtProblem ??
                  `Empty means ${
                    detectedAt ? 'when detected' : 'now'
                  }; your time zone, ${localZoneName()}`
                }
                InputLabelProps={{ shrink: true }}
                inputProps={{ max: DateTime.now().toFormat(LOCAL_MINUTE) }}
                fullWidth
              />
            </Grid>
            <Grid item xs={12} sm={6}>
              <TextField
                id="firebreak-declare-detected-at"
                label="Detected at"
                type="datetime-local"
                value={detectedAtInput}
                onChange={e => setDetectedAtInput(e.target.value)}
                error={!!detectedAtProblem}
                helperText={
                  detectedAtProblem ??
                  'When someone or an alert first noticed it; optional'
                }
                InputLabelProps={{ shrink: true }}
                inputProps={{
                  min: startedAtInput || undefined,
                  max: DateTime.now().toFormat(LOCAL_MINUTE),
                }}
                fullWidth
              />
            </Grid>
            <Grid item xs={12}>
              <TextField
                id="firebreak-declare-summary"
                label="Summary"
                value={summary}
                onChange={e => setSummary(e.target.value)}
                multiline
                minRows={2}
                fullWidth
              />
            </Grid>
            {/* Next to the button, where the eye is after clicking it. */}
            {error && (
              <Grid item xs={12}>
                <Alert severity="error">{error}</Alert>
              </Grid>
            )}
          </Grid>
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose}>Cancel</Button>
          <Button
            type="submit"
            color="secondary"
            variant="contained"
            disabled={
              submitting ||
              !title ||
              !severity ||
              !!startedAtProblem ||
              !!detectedAtProblem
            }
          >
            Declare
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}
