import { InfoCard, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { PostmortemDetails } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import LinkOffIcon from '@material-ui/icons/LinkOff';
import Alert from '@material-ui/lab/Alert';
import { FormEvent, useState } from 'react';
import { incidentRouteRef } from '../../routes';
import { SaveOutcome } from './SectionCard';

/**
 * The other incidents the postmortem covers, with a field to add one (by its reference) and a
 * button to remove each. The postmortem's own incident is never removed.
 *
 * @internal
 */
export function AlsoCoversCard(props: {
  postmortem: PostmortemDetails;
  /** Why the covered incidents cannot be changed; undefined when they can. */
  readOnlyReason?: string;
  busy: boolean;
  onAttach: (incidentRef: string) => Promise<SaveOutcome>;
  onDetach: (incidentRef: string) => Promise<SaveOutcome>;
}) {
  const { postmortem, readOnlyReason, busy, onAttach, onDetach } = props;
  const incidentLink = useRouteRef(incidentRouteRef);
  const [incidentRef, setIncidentRef] = useState('');
  const [problem, setProblem] = useState<string>();
  const disabled = !!readOnlyReason || busy;

  const report = (outcome: SaveOutcome) => {
    setProblem(outcome.kind === 'failed' ? outcome.message : undefined);
    return outcome.kind === 'saved';
  };
  const attach = async (event: FormEvent) => {
    event.preventDefault();
    if (report(await onAttach(incidentRef.trim()))) setIncidentRef('');
  };

  return (
    <InfoCard
      title="Also covers"
      subheader={`Other incidents this postmortem is about. Their timelines join the events to star and they close once it is published; key durations are those of ${postmortem.incidentRef}.`}
    >
      {postmortem.alsoCovers.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          Only {postmortem.incidentRef}.
        </Typography>
      ) : (
        <List dense aria-label="Also covers">
          {postmortem.alsoCovers.map(incident => (
            <ListItem key={incident.id} divider>
              <ListItemText
                // The whole title wraps: the card is narrow and titles are long.
                style={{ whiteSpace: 'normal' }}
                primary={
                  <>
                    <Link to={incidentLink({ ref: incident.ref })}>
                      {incident.ref}
                    </Link>{' '}
                    {incident.title}
                  </>
                }
                secondary={`${incident.severity} · ${incident.status}`}
              />
              <ListItemSecondaryAction>
                <IconButton
                  edge="end"
                  size="small"
                  aria-label={`Stop covering ${incident.ref}`}
                  disabled={disabled}
                  onClick={async () => report(await onDetach(incident.ref))}
                >
                  <LinkOffIcon />
                </IconButton>
              </ListItemSecondaryAction>
            </ListItem>
          ))}
        </List>
      )}
      {readOnlyReason && (
        <Typography variant="body2" color="textSecondary">
          {readOnlyReason}
        </Typography>
      )}
      {problem && (
        <Alert severity="error" onClose={() => setProblem(undefined)}>
          {problem}
        </Alert>
      )}
      <form
        onSubmit={attach}
        style={{ display: 'flex', gap: 8, alignItems: 'center', marginTop: 8 }}
      >
        <TextField
          id={`postmortem-${postmortem.id}-attach`}
          label="Incident reference"
          placeholder="INC-7"
          size="small"
          value={incidentRef}
          disabled={disabled}
          onChange={e => setIncidentRef(e.target.value)}
        />
        <Button
          type="submit"
          variant="outlined"
          disabled={disabled || incidentRef.trim() === ''}
        >
          Add
        </Button>
      </form>
    </InfoCard>
  );
}
