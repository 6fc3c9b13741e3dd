import {
  Content,
  Header,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink, EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  INCIDENT_STATUSES,
  Incident,
  IncidentStatus,
  TimelineEvent,
  describeStatusTransition,
  firebreakIncidentUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { usePermission } from '@backstage/plugin-permission-react';
import { useSignal } from '@backstage/plugin-signals-react';
import { useCallback, useEffect, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { SeverityChip } from '../SeverityChip';

function describeEvent(event: TimelineEvent): string {
  switch (event.type) {
    case 'declared':
      return `Declared as ${event.data.severity}: ${event.data.title}`;
    case 'status_changed':
      return `${event.data.reopened ? 'Reopened' : 'Status'}: ${
        event.data.from
      } → ${event.data.to}`;
    case 'severity_changed':
      return `Severity: ${event.data.from} → ${event.data.to}`;
    case 'priority_changed':
      return `Priority: ${event.data.from} → ${event.data.to}`;
    case 'role_changed':
      return `${event.data.role}: ${event.data.to ?? 'nobody'}`;
    case 'entities_changed':
      return `Impacted entities changed`;
    case 'details_changed':
      return `Changed ${event.data.fields.join(', ')}`;
    case 'play_applied':
      return `Response play ${event.data.play}: ${event.data.description}`;
    case 'note':
      return `${event.data.tag ? `${event.data.tag}: ` : 'Note: '}${
        event.data.text
      }`;
    case 'status_update':
      return `Status update (${event.data.audience}): ${event.data.text}`;
    default:
      return 'Event';
  }
}

function duration(incident: Incident) {
  const end = incident.resolvedAt
    ? DateTime.fromISO(incident.resolvedAt)
    : DateTime.now();
  return end
    .diff(DateTime.fromISO(incident.startedAt), ['days', 'hours', 'minutes'])
    .toHuman({ maximumFractionDigits: 0, unitDisplay: 'short' });
}

function StatusControl(props: {
  incident: Incident;
  disabled: boolean;
  onChange: (status: IncidentStatus) => void;
}) {
  const { incident, onChange } = props;
  return (
    <TextField
      select
      disabled={props.disabled}
      label="Status"
      value={incident.status}
      onChange={e => onChange(e.target.value as IncidentStatus)}
      SelectProps={{ inputProps: { 'aria-label': 'Status' } }}
      style={{ minWidth: 200 }}
    >
      {INCIDENT_STATUSES.map(status => (
        <MenuItem
          key={status}
          value={status}
          disabled={
            status !== incident.status &&
            !describeStatusTransition(incident.status, status).allowed
          }
        >
          {status}
        </MenuItem>
      ))}
    </TextField>
  );
}

function TimelineForm(props: {
  onPost: (post: {
    kind: 'note' | 'status_update';
    text: string;
  }) => Promise<void>;
}) {
  const [text, setText] = useState('');
  const [kind, setKind] = useState<'note' | 'status_update'>('status_update');
  const [busy, setBusy] = useState(false);
  return (
    <form
      onSubmit={async e => {
        e.preventDefault();
        setBusy(true);
        try {
          await props.onPost({ kind, text });
          setText('');
        } finally {
          setBusy(false);
        }
      }}
    >
      <Grid container spacing={1} alignItems="flex-end">
        <Grid item>
          <TextField
            id="firebreak-timeline-kind"
            select
            label="Post"
            value={kind}
            onChange={e => setKind(e.target.value as typeof kind)}
          >
            <MenuItem value="status_update">Status update</MenuItem>
            <MenuItem value="note">Note</MenuItem>
          </TextField>
        </Grid>
        <Grid item xs>
          <TextField
            id="firebreak-timeline-text"
            label={kind === 'note' ? 'Note' : 'Status update'}
            value={text}
            onChange={e => setText(e.target.value)}
            fullWidth
          />
        </Grid>
        <Grid item>
          <Button
            type="submit"
            variant="contained"
            color="primary"
            disabled={busy || !text.trim()}
          >
            Post
          </Button>
        </Grid>
      </Grid>
    </form>
  );
}

/** Reloads the page when someone else changes the incident or posts to its timeline. */
function LiveRefresh(props: { incidentId: string; onChange: () => void }) {
  const { lastSignal } = useSignal(`firebreak:incident:${props.incidentId}`);
  const { onChange } = props;
  useEffect(() => {
    if (lastSignal) {
      onChange();
    }
  }, [lastSignal, onChange]);
  return null;
}

/**
 * One incident: what it is, where it stands, who runs it, and what happened.
 *
 * @public
 */
export function IncidentPage() {
  const { ref = '' } = useParams();
  const api = useApi(firebreakApiRef);
  const alertApi = useApi(alertApiRef);
  const state = useAsyncRetry(async () => {
    const [incident, timeline] = await Promise.all([
      api.getIncident(ref),
      api.getTimeline(ref),
    ]);
    return { incident, timeline: timeline.items };
  }, [api, ref]);
  const { retry } = state;
  const { allowed: canUpdate } = usePermission({
    permission: firebreakIncidentUpdatePermission,
    resourceRef: state.value?.incident.id,
  });

  const changeStatus = useCallback(
    async (incident: Incident, status: IncidentStatus) => {
      try {
        await api.updateIncident(incident.id, {
          version: incident.version,
          status,
        });
      } catch (e) {
        alertApi.post({ message: (e as Error).message, severity: 'error' });
      }
      retry();
    },
    [api, alertApi, retry],
  );

  if (state.loading && !state.value) {
    return <Progress />;
  }
  if (state.error) {
    return <ResponseErrorPanel error={state.error} />;
  }
  const { incident, timeline } = state.value!;

  return (
    <Page themeId="tool">
      <LiveRefresh incidentId={incident.id} onChange={retry} />
      <Header
        title={`${incident.ref} ${incident.title}`}
        subtitle={`${incident.severity} · ${incident.priority} · ${
          incident.status
        } · ${duration(incident)}`}
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12} md={8}>
            <InfoCard title="Status">
              <Grid container spacing={2} alignItems="center">
                <Grid item>
                  <SeverityChip severity={incident.severity} />
                </Grid>
                <Grid item>
                  <StatusControl
                    incident={incident}
                    disabled={!canUpdate}
                    onChange={status => changeStatus(incident, status)}
                  />
                </Grid>
                <Grid item xs={12}>
                  <Typography variant="body1">{incident.summary}</Typography>
                </Grid>
              </Grid>
            </InfoCard>
          </Grid>
          <Grid item xs={12} md={4}>
            <InfoCard title="Response">
              <Typography variant="subtitle2">Impacted</Typography>
              <EntityRefLinks entityRefs={incident.entityRefs} />
              <List dense>
                {Object.entries(incident.roles).map(([role, userRef]) => (
                  <ListItem key={role} disableGutters>
                    <ListItemText
                      primary={<EntityRefLink entityRef={userRef} />}
                      secondary={role}
                    />
                  </ListItem>
                ))}
              </List>
              {incident.links.map(link => (
                <Typography key={link.url} variant="body2">
                  <a href={link.url}>{link.title}</a>
                </Typography>
              ))}
            </InfoCard>
          </Grid>
          <Grid item xs={12}>
            <InfoCard title="Timeline">
              {canUpdate && (
                <TimelineForm
                  onPost={async ({ kind, text }) => {
                    try {
                      await api.postToTimeline(
                        incident.id,
                        kind === 'note'
                          ? { type: 'note', text }
                          : {
                              type: 'status_update',
                              text,
                              audience: 'internal',
                            },
                      );
                    } catch (e) {
                      alertApi.post({
                        message: (e as Error).message,
                        severity: 'error',
                      });
                    }
                    retry();
                  }}
                />
              )}
              <List>
                {[...timeline].reverse().map(event => (
                  <ListItem key={event.id} divider>
                    <ListItemText
                      primary={describeEvent(event)}
                      secondary={`${DateTime.fromISO(event.at).toLocaleString(
                        DateTime.DATETIME_MED,
                      )} · ${event.actorRef}`}
                    />
                  </ListItem>
                ))}
              </List>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
