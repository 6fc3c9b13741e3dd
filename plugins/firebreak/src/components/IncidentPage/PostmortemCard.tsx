import { InfoCard, Link } from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  Incident,
  isActiveStatus,
  PostmortemDetails,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import { postmortemRouteRef } from '../../routes';
import { DueText } from '../PostmortemPage/DueText';
import { PostmortemStatusChip } from '../PostmortemPage/PostmortemStatusChip';
import {
  POSTMORTEM_READ_ONLY_REASON,
  usePostmortemPermissions,
} from '../PostmortemPage/usePostmortemPermissions';

/**
 * The incident's postmortem: whether it is required, when it is due and where it stands, with
 * a link to its page; or, when there is none, "Start postmortem" for those who may.
 *
 * @internal
 */
export function PostmortemCard(props: { incident: Incident }) {
  const { incident } = props;
  const api = useApi(firebreakApiRef);
  const postmortemLink = useRouteRef(postmortemRouteRef);
  const navigate = useNavigate();
  const { canCreate } = usePostmortemPermissions(incident.id);
  const [starting, setStarting] = useState(false);
  const [problem, setProblem] = useState<string>();
  // Read again whenever the incident changes: resolving one that requires a postmortem starts it.
  const state = useAsync(
    () => api.getIncidentPostmortem(incident.id),
    [api, incident.id, incident.version],
  );

  const start = async () => {
    setProblem(undefined);
    setStarting(true);
    try {
      await api.startPostmortem(incident.id);
      navigate(postmortemLink({ ref: incident.ref }));
    } catch (e) {
      setProblem(describeFailure(e));
      setStarting(false);
    }
  };

  let body;
  if (state.loading && !state.value) {
    body = <Typography variant="body2">Loading the postmortem…</Typography>;
  } else if (state.error) {
    body = (
      <Alert severity="error">
        The postmortem could not be read: {describeFailure(state.error)}. Reload
        the page to try again.
      </Alert>
    );
  } else if (state.value) {
    body = (
      <Existing
        postmortem={state.value}
        incident={incident}
        link={postmortemLink}
      />
    );
  } else {
    const active = isActiveStatus(incident.status);
    body = (
      <Grid container spacing={1}>
        <Grid item xs={12}>
          <Typography variant="body2">
            {active
              ? 'No postmortem yet. Postmortems are usually written once the incident is resolved.'
              : 'No postmortem yet. Start one to record what happened and what to change.'}
          </Typography>
        </Grid>
        {(canCreate || !active) && (
          <Grid item xs={12}>
            <Button
              variant="contained"
              color="primary"
              disabled={!canCreate || starting}
              onClick={start}
            >
              {starting ? 'Starting…' : 'Start postmortem'}
            </Button>
          </Grid>
        )}
        {!canCreate && !active && (
          <Grid item xs={12}>
            <Typography variant="body2" color="textSecondary">
              {POSTMORTEM_READ_ONLY_REASON}
            </Typography>
          </Grid>
        )}
      </Grid>
    );
  }

  return (
    <InfoCard title="Postmortem">
      {problem && (
        <Alert severity="error" style={{ marginBottom: 8 }}>
          The postmortem was not started: {problem}
        </Alert>
      )}
      {body}
    </InfoCard>
  );
}

function Existing(props: {
  postmortem: PostmortemDetails;
  incident: Incident;
  link: (params: { ref: string }) => string;
}) {
  const { postmortem, incident, link } = props;
  const others = [postmortem.incident, ...postmortem.alsoCovers]
    .filter(i => i.id !== incident.id)
    .map(i => i.ref);
  return (
    <Grid container spacing={1} alignItems="center">
      <Grid item xs={12}>
        <PostmortemStatusChip status={postmortem.status} />{' '}
        <DueText postmortem={postmortem} />
      </Grid>
      {others.length > 0 && (
        <Grid item xs={12}>
          <Typography variant="body2">
            {postmortem.incidentId === incident.id
              ? `It also covers ${others.join(', ')}.`
              : `Written for ${postmortem.incidentRef}, it covers this incident too.`}
          </Typography>
        </Grid>
      )}
      <Grid item xs={12}>
        <Typography variant="body2">
          {postmortem.required
            ? 'Required: the incident closes once it is published or waived.'
            : 'Not required for this severity.'}
        </Typography>
      </Grid>
      <Grid item xs={12}>
        <Link to={link({ ref: postmortem.incidentRef })}>
          Open the postmortem
        </Link>
      </Grid>
    </Grid>
  );
}
