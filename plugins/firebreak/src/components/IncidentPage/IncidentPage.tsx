import { parseEntityRef } from '@backstage/catalog-model';
import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  INCIDENT_STATUSES,
  Incident,
  IncidentStatus,
  isActiveStatus,
  UpdateIncidentRequest,
  describeStatusTransition,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import Alert from '@material-ui/lab/Alert';
import { useSignal } from '@backstage/plugin-signals-react';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { formatSpan } from '../ShiftTime';
import { IncidentDuration, incidentEnd } from './IncidentDuration';
import { PagedBanner } from './PagedBanner';
import { PagingCard } from './PagingCard';
import { describeTimelineEvent } from './describeTimelineEvent';
import { formatIncidentInstant } from './formatIncidentInstant';
import {
  activePagesNotifying,
  firstAcknowledgement,
  nextEscalation,
} from './paging';
import { ParticipationBanner } from './ParticipationBanner';
import { Actor, Person } from './People';
import { READ_ONLY_REASON, useCanUpdateIncident } from './participation';
import { RolesCard } from './RolesCard';
import { SeverityControl } from './SeverityControl';

function nameOf(
  levels: readonly { id: string; name: string }[] | undefined,
  id: string,
): string {
  return (levels?.find(l => l.id === id)?.name ?? id).toLocaleLowerCase(
    'en-US',
  );
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
      fullWidth
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

/**
 * Reloads the pages once their next escalation is due, for apps without signals: by then the
 * backend has paged the next level.
 */
function useReloadWhenDue(due: number | undefined, reload: () => void) {
  useEffect(() => {
    if (due === undefined || due < Date.now() - 60_000) {
      return undefined;
    }
    const timer = setTimeout(reload, Math.max(due - Date.now(), 0) + 3000);
    return () => clearTimeout(timer);
  }, [due, reload]);
}

/** Reloads the page when someone else changes the incident or posts to its timeline. */
function LiveRefresh(props: { incidentId: string; onChange: () => void }) {
  const { lastSignal } = useSignal(`firebreak:incident:${props.incidentId}`);
  // Once per message: the callback changes with every load, the message does not.
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  useEffect(() => {
    if (lastSignal) {
      onChange.current();
    }
  }, [lastSignal]);
  return null;
}

const useStyles = makeStyles(theme => ({
  // As the header styles a plain-text subtitle, which this one cannot be: it names people.
  subtitle: {
    color: theme.page.fontColor,
    opacity: 0.8,
    display: 'inline-block',
    marginTop: theme.spacing(1),
  },
  alarm: {
    borderLeft: `4px solid ${theme.palette.error.main}`,
    '& $alarmText': { color: theme.palette.error.main, fontWeight: 700 },
  },
  alarmText: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(1),
  },
}));

type Problem = { severity: 'warning' | 'error'; message: string };

const CONFLICT_MESSAGE =
  'Someone else changed this incident — reloaded. Your change was not saved: check the incident as it is now and make your change again if it is still needed.';

/**
 * One incident: what it is, where it stands, who runs it, and what happened.
 *
 * @public
 */
export function IncidentPage() {
  const { ref = '' } = useParams();
  const api = useApi(firebreakApiRef);
  // Every change — ours, or another's announced by a signal — loads the page again. A counter
  // rather than retry(): retry is ignored while a load runs, and a change would be missed.
  const [changes, setChanges] = useState(0);
  const reload = useCallback(() => setChanges(count => count + 1), []);
  const state = useAsync(async () => {
    const [incident, timeline] = await Promise.all([
      api.getIncident(ref),
      api.getTimeline(ref),
    ]);
    return { incident, timeline: timeline.items };
  }, [api, ref, changes]);
  // The page works without settings; only the choices offered shrink.
  const settings = useAsync(() => api.getSettings(), [api]);
  // Paging has its own request: the incident shows even when paging cannot be read.
  const [pageChanges, setPageChanges] = useState(0);
  const reloadPages = useCallback(() => setPageChanges(count => count + 1), []);
  const pages = useAsync(
    async () => (await api.listPages(ref)).items,
    [api, ref, changes, pageChanges],
  );
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  useReloadWhenDue(nextEscalation(pages.value ?? []), reloadPages);
  const [paging, setPaging] = useState(false);
  const { allowed: canUpdate } = useCanUpdateIncident(state.value?.incident);
  const [joining, setJoining] = useState(false);
  const [problem, setProblem] = useState<Problem>();
  const classes = useStyles();

  // Every change is made against the version on screen; a stale one is refused (409), and
  // then the page says so and shows what the incident is now instead of overwriting it.
  const change = useCallback(
    async (
      incident: Incident,
      request: Omit<UpdateIncidentRequest, 'version'>,
    ) => {
      setProblem(undefined);
      try {
        await api.updateIncident(incident.id, {
          version: incident.version,
          ...request,
        });
      } catch (e) {
        setProblem(
          isConflict(e)
            ? { severity: 'warning', message: CONFLICT_MESSAGE }
            : { severity: 'error', message: describeFailure(e) },
        );
      }
      reload();
    },
    [api, reload],
  );

  const post = useCallback(
    async (
      incident: Incident,
      { kind, text }: { kind: 'note' | 'status_update'; text: string },
    ) => {
      setProblem(undefined);
      try {
        await api.postToTimeline(
          incident.id,
          kind === 'note'
            ? { type: 'note', text }
            : { type: 'status_update', text, audience: 'internal' },
        );
      } catch (e) {
        setProblem({ severity: 'error', message: describeFailure(e) });
      }
      reload();
    },
    [api, reload],
  );

  // Joining makes a reader a participant, whom the policy may let help; the page asks again.
  const participate = useCallback(
    async (incident: Incident, how: 'join' | 'leave') => {
      setProblem(undefined);
      setJoining(true);
      try {
        await (how === 'join'
          ? api.joinIncident(incident.id)
          : api.leaveIncident(incident.id));
      } catch (e) {
        setProblem({ severity: 'error', message: describeFailure(e) });
      } finally {
        setJoining(false);
      }
      reload();
    },
    [api, reload],
  );

  // Whoever was paged may acknowledge; so may anyone who may change the incident.
  const acknowledge = useCallback(
    async (incident: Incident) => {
      setProblem(undefined);
      setPaging(true);
      try {
        await api.acknowledgeIncident(incident.id);
      } catch (e) {
        setProblem({ severity: 'error', message: describeFailure(e) });
      } finally {
        setPaging(false);
      }
      reload();
    },
    [api, reload],
  );

  const escalate = useCallback(
    async (incident: Incident) => {
      setProblem(undefined);
      setPaging(true);
      try {
        const { escalated } = await api.escalateIncident(incident.id);
        if (escalated === 0) {
          setProblem({
            severity: 'warning',
            message:
              'Nobody was paged: no escalation policy pages for the impacted entities. Assign people to the roles instead.',
          });
        }
      } catch (e) {
        setProblem({ severity: 'error', message: describeFailure(e) });
      } finally {
        setPaging(false);
      }
      reload();
    },
    [api, reload],
  );

  if (state.loading && !state.value) {
    return <Progress />;
  }
  if (state.error) {
    return <ResponseErrorPanel error={state.error} />;
  }
  const { incident, timeline } = state.value!;
  const roles = settings.value?.roles ?? [];
  const startedEarlier =
    Date.parse(incident.startedAt) < Date.parse(incident.declaredAt);
  const pagingMe = activePagesNotifying(
    pages.value ?? [],
    identity.value?.userEntityRef,
  );
  const anyActivePage = (pages.value ?? []).some(p => p.status === 'active');
  const acknowledgement = firstAcknowledgement(pages.value ?? []);

  return (
    <Page themeId="tool">
      <LiveRefresh incidentId={incident.id} onChange={reload} />
      <Header
        title={`${incident.ref} ${incident.title}`}
        subtitle={
          <Typography
            variant="subtitle2"
            component="span"
            className={classes.subtitle}
          >
            Declared {formatIncidentInstant(incident.declaredAt)} by{' '}
            <Person userRef={incident.reporterRef} />
            {startedEarlier &&
              ` · started ${formatIncidentInstant(incident.startedAt)}`}
          </Typography>
        }
      >
        <HeaderLabel label="Severity" value={incident.severity} />
        <HeaderLabel label="Status" value={incident.status} />
        <HeaderLabel
          label={incidentEnd(incident) ? 'Lasted' : 'Open for'}
          value={<IncidentDuration incident={incident} />}
        />
        {incident.acknowledgedAt ? (
          <HeaderLabel
            label="Acknowledged"
            value={
              <>
                {acknowledgement && (
                  <>
                    by <Person userRef={acknowledgement.by} />{' '}
                  </>
                )}
                after{' '}
                {formatSpan(
                  Date.parse(incident.acknowledgedAt) -
                    Date.parse(incident.declaredAt),
                )}
              </>
            }
          />
        ) : (
          anyActivePage && (
            <HeaderLabel label="Acknowledged" value="not yet — paging" />
          )
        )}
      </Header>
      <Content>
        <Grid container spacing={3}>
          {pagingMe.length > 0 && (
            <Grid item xs={12}>
              <PagedBanner
                pages={pagingMe}
                busy={paging}
                onAcknowledge={() => acknowledge(incident)}
              />
            </Grid>
          )}
          <Grid item xs={12}>
            <ParticipationBanner
              incident={incident}
              userRef={identity.value?.userEntityRef}
              canUpdate={canUpdate}
              busy={joining}
              onJoin={() => participate(incident, 'join')}
              onLeave={() => participate(incident, 'leave')}
            />
          </Grid>
          {problem && (
            <Grid item xs={12}>
              <Alert
                severity={problem.severity}
                onClose={() => setProblem(undefined)}
              >
                {problem.message}
              </Alert>
            </Grid>
          )}
          <Grid item xs={12} md={8}>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <InfoCard title="Status">
                  <Grid container spacing={3}>
                    <Grid item xs={12} sm={6}>
                      <SeverityControl
                        incident={incident}
                        levels={settings.value?.severities ?? []}
                        disabled={!canUpdate}
                        onChange={severity => change(incident, { severity })}
                      />
                    </Grid>
                    <Grid item xs={12} sm={6}>
                      <StatusControl
                        incident={incident}
                        disabled={!canUpdate}
                        onChange={status => change(incident, { status })}
                      />
                    </Grid>
                    {!canUpdate && (
                      <Grid item xs={12}>
                        <Typography variant="body2" color="textSecondary">
                          {READ_ONLY_REASON}
                        </Typography>
                      </Grid>
                    )}
                    <Grid item xs={12}>
                      <Typography variant="body2">
                        Priority <strong>{incident.priority}</strong>: impact{' '}
                        {nameOf(
                          settings.value?.priority.impacts,
                          incident.impact,
                        )}{' '}
                        × urgency{' '}
                        {nameOf(
                          settings.value?.priority.urgencies,
                          incident.urgency,
                        )}
                      </Typography>
                    </Grid>
                    {incident.summary && (
                      <Grid item xs={12}>
                        <Typography variant="body1">
                          {incident.summary}
                        </Typography>
                      </Grid>
                    )}
                    {incident.links.length > 0 && (
                      <Grid item xs={12}>
                        {incident.links.map(link => (
                          <Typography key={link.url} variant="body2">
                            <a href={link.url} target="_blank" rel="noopener">
                              {link.title}
                            </a>
                          </Typography>
                        ))}
                      </Grid>
                    )}
                  </Grid>
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <InfoCard title="Timeline">
                  {canUpdate ? (
                    <TimelineForm onPost={request => post(incident, request)} />
                  ) : (
                    <Typography variant="body2" color="textSecondary">
                      Posting notes and status updates: {READ_ONLY_REASON}
                    </Typography>
                  )}
                  <List>
                    {[...timeline].reverse().map(event => {
                      const alarm = event.type === 'page_exhausted';
                      return (
                        <ListItem
                          key={event.id}
                          divider
                          className={alarm ? classes.alarm : undefined}
                        >
                          <ListItemText
                            primary={
                              alarm ? (
                                <span className={classes.alarmText}>
                                  <WarningIcon fontSize="small" />
                                  {describeTimelineEvent(event, roles)}
                                </span>
                              ) : (
                                describeTimelineEvent(event, roles)
                              )
                            }
                            secondary={
                              <>
                                {formatIncidentInstant(event.at)} ·{' '}
                                <Actor actorRef={event.actorRef} />
                              </>
                            }
                          />
                        </ListItem>
                      );
                    })}
                  </List>
                </InfoCard>
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12} md={4}>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <PagingCard
                  pages={pages.value}
                  error={pages.error}
                  canAcknowledge={canUpdate || pagingMe.length > 0}
                  canEscalate={canUpdate && isActiveStatus(incident.status)}
                  busy={paging}
                  onAcknowledge={() => acknowledge(incident)}
                  onEscalate={() => escalate(incident)}
                />
              </Grid>
              <Grid item xs={12}>
                <InfoCard title="Impacted">
                  <List dense disablePadding>
                    {incident.entityRefs.map(entityRef => (
                      <ListItem key={entityRef} disableGutters>
                        <ListItemText
                          primary={<EntityRefLink entityRef={entityRef} />}
                          secondary={parseEntityRef(entityRef).kind}
                        />
                      </ListItem>
                    ))}
                  </List>
                </InfoCard>
              </Grid>
              <Grid item xs={12}>
                <RolesCard
                  incident={incident}
                  roles={roles}
                  canUpdate={canUpdate}
                  onChange={changed => change(incident, { roles: changed })}
                />
              </Grid>
            </Grid>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
