import {
  Content,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import {
  Incident,
  isActiveStatus,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { PagedBanner } from './PagedBanner';
import { PagingCard } from './PagingCard';
import { activePagesNotifying, nextEscalation } from './paging';
import { ParticipationBanner } from './ParticipationBanner';
import { useCanUpdateIncident } from './participation';
import { ImpactedCard } from './ImpactedCard';
import { IncidentHeader } from './IncidentHeader';
import { LiveRefresh } from './LiveRefresh';
import { RolesCard } from './RolesCard';
import { StatusCard } from './StatusCard';
import { TimelineCard } from './TimelineCard';
import { useReloadWhenDue } from './useReloadWhenDue';

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
  const pagingMe = activePagesNotifying(
    pages.value ?? [],
    identity.value?.userEntityRef,
  );

  return (
    <Page themeId="tool">
      <LiveRefresh incidentId={incident.id} onChange={reload} />
      <IncidentHeader incident={incident} pages={pages.value ?? []} />
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
                <StatusCard
                  incident={incident}
                  settings={settings.value}
                  canUpdate={canUpdate}
                  onChange={request => change(incident, request)}
                />
              </Grid>
              <Grid item xs={12}>
                <TimelineCard
                  timeline={timeline}
                  roles={roles}
                  canUpdate={canUpdate}
                  onPost={request => post(incident, request)}
                />
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
                <ImpactedCard incident={incident} />
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
