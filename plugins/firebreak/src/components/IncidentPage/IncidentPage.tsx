import {
  Content,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { isActiveStatus } from '@firebreak/backstage-plugin-common';
import Grid from '@material-ui/core/Grid';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useState } from 'react';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { IncidentFollowUpsCard } from '../ActionItems';
import { ImpactedCard } from './ImpactedCard';
import { IncidentHeader } from './IncidentHeader';
import { LiveRefresh } from './LiveRefresh';
import { PagedBanner } from './PagedBanner';
import { PagingCard } from './PagingCard';
import { PostmortemCard } from './PostmortemCard';
import { activePagesNotifying, nextEscalation } from './paging';
import { ParticipationBanner } from './ParticipationBanner';
import { useCanUpdateIncident } from './participation';
import { RolesCard } from './RolesCard';
import { IncidentRunbooksCard } from '../Runbooks/IncidentRunbooksCard';
import { StatusCard } from './StatusCard';
import { TimelineCard } from './TimelineCard';
import { useIncidentActions } from './useIncidentActions';
import { useReloadWhenDue } from './useReloadWhenDue';

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
  const { allowed: canUpdate } = useCanUpdateIncident(state.value?.incident);
  const actions = useIncidentActions(reload);

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
                busy={actions.paging}
                onAcknowledge={() => actions.acknowledge(incident)}
              />
            </Grid>
          )}
          <Grid item xs={12}>
            <ParticipationBanner
              incident={incident}
              userRef={identity.value?.userEntityRef}
              canUpdate={canUpdate}
              busy={actions.joining}
              onJoin={() => actions.participate(incident, 'join')}
              onLeave={() => actions.participate(incident, 'leave')}
            />
          </Grid>
          {actions.problem && (
            <Grid item xs={12}>
              <Alert
                severity={actions.problem.severity}
                onClose={actions.dismissProblem}
              >
                {actions.problem.message}
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
                  statusProblem={actions.statusProblem}
                  onChange={(request, basedOn) =>
                    actions.change(basedOn ?? incident, request)
                  }
                />
              </Grid>
              <Grid item xs={12}>
                <IncidentRunbooksCard
                  incident={incident}
                  canUpdate={canUpdate}
                  changes={changes}
                />
              </Grid>
              <Grid item xs={12}>
                <TimelineCard
                  timeline={timeline}
                  roles={roles}
                  canUpdate={canUpdate}
                  onPost={request => actions.post(incident, request)}
                />
              </Grid>
              <Grid item xs={12}>
                <IncidentFollowUpsCard incident={incident} />
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
                  busy={actions.paging}
                  onAcknowledge={() => actions.acknowledge(incident)}
                  onEscalate={() => actions.escalate(incident)}
                />
              </Grid>
              <Grid item xs={12}>
                <PostmortemCard incident={incident} />
              </Grid>
              <Grid item xs={12}>
                <ImpactedCard incident={incident} />
              </Grid>
              <Grid item xs={12}>
                <RolesCard
                  incident={incident}
                  roles={roles}
                  canUpdate={canUpdate}
                  onChange={changed =>
                    actions.change(incident, { roles: changed })
                  }
                />
              </Grid>
            </Grid>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
