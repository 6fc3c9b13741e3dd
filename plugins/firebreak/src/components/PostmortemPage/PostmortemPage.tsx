import {
  Content,
  Header,
  HeaderLabel,
  Link,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { PostmortemDetails } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncFn from 'react-use/esm/useAsyncFn';
import { firebreakApiRef } from '../../api';
import { describeFailure } from '../../api/failures';
import { incidentRouteRef } from '../../routes';
import { FollowUpsCard } from '../ActionItems/FollowUpsCard';
import { usePersonNames } from '../../oncall/usePersonNames';
import { LiveRefresh } from '../IncidentPage/LiveRefresh';
import { AlsoCoversCard } from './AlsoCoversCard';
import { DueText } from './DueText';
import { KeyDurationsCard } from './KeyDurationsCard';
import { POSTMORTEM_STATUS_LABELS } from './postmortemWording';
import { RunbooksUsedCard } from './RunbooksUsedCard';
import { SectionCard } from './SectionCard';
import { StarredTimelineCard } from './StarredTimelineCard';
import { usePostmortem } from './usePostmortem';
import {
  POSTMORTEM_READ_ONLY_REASON,
  usePostmortemPermissions,
} from './usePostmortemPermissions';
import { WorkflowButtons } from './WorkflowButtons';

const PUBLISHED_REASON =
  'Published postmortems are read-only: reopen it to change it.';
const WAIVED_COVERAGE_REASON =
  'A waived postmortem covers what it covers until it is taken up again as a draft.';

/**
 * The postmortem of one incident: its sections, key durations, starred timeline events,
 * action items, and its review workflow.
 *
 * @internal
 */
export function PostmortemPage() {
  const { ref = '' } = useParams();
  const api = useApi(firebreakApiRef);
  const incidentLink = useRouteRef(incidentRouteRef);
  const pm = usePostmortem(ref);
  const { postmortem } = pm;
  const incidentId = postmortem?.incidentId;
  const perms = usePostmortemPermissions(incidentId);
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  const settings = useAsync(() => api.getSettings(), [api]);
  const nameOf = usePersonNames(
    postmortem
      ? [postmortem.ownerRef, ...postmortem.approvals.map(a => a.approverRef)]
      : [],
  );

  if (pm.loadError) {
    return <ResponseErrorPanel error={pm.loadError} />;
  }
  if (postmortem === undefined) {
    return <Progress />;
  }
  if (postmortem === null) {
    return <NoPostmortem incidentRef={ref} onStarted={pm.reload} />;
  }

  let readOnlyReason: string | undefined;
  if (!perms.canUpdate) {
    readOnlyReason = POSTMORTEM_READ_ONLY_REASON;
  } else if (postmortem.status === 'published') {
    readOnlyReason = PUBLISHED_REASON;
  }
  const coverageReadOnlyReason =
    readOnlyReason ??
    (postmortem.status === 'waived' ? WAIVED_COVERAGE_REASON : undefined);
  const several = postmortem.alsoCovers.length > 0;
  const incidentRefs = several
    ? new Map(
        [postmortem.incident, ...postmortem.alsoCovers].map(i => [i.id, i.ref]),
      )
    : undefined;

  return (
    <Page themeId="tool">
      <LiveRefresh incidentId={postmortem.incidentId} onChange={pm.reload} />
      <Header
        title={`Postmortem of ${postmortem.incidentRef}`}
        subtitle={postmortem.incident.title}
      >
        <HeaderLabel
          label="Status"
          value={POSTMORTEM_STATUS_LABELS[postmortem.status]}
        />
        <HeaderLabel label="Owner" value={nameOf(postmortem.ownerRef)} />
        <HeaderLabel
          label="Approvals"
          value={`${postmortem.approvals.length} of ${postmortem.approvalsRequired}`}
        />
        <HeaderLabel
          label="Required"
          value={postmortem.required ? 'yes' : 'no'}
        />
      </Header>
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <Summary
              postmortem={postmortem}
              incidentLink={incidentLink}
              nameOf={nameOf}
            />
          </Grid>
          {postmortem.status === 'published' && (
            <Grid item xs={12}>
              <Alert severity="info">
                This postmortem is published and read-only.
                {perms.canApprove
                  ? ' Reopen it to change it.'
                  : ' Those who may approve it can reopen it.'}
              </Alert>
            </Grid>
          )}
          {postmortem.status === 'waived' && (
            <Grid item xs={12}>
              <Alert severity="info">
                Waived: {postmortem.waiverReason ?? 'no reason given'}
              </Alert>
            </Grid>
          )}
          {pm.problem && (
            <Grid item xs={12}>
              <Alert severity={pm.problem.severity} onClose={pm.dismissProblem}>
                {pm.problem.message}
              </Alert>
            </Grid>
          )}
          <Grid item xs={12}>
            <WorkflowButtons
              postmortem={postmortem}
              userRef={identity.value?.userEntityRef}
              canUpdate={perms.canUpdate}
              canApprove={perms.canApprove}
              busy={pm.busy}
              onStatus={status => pm.update({ status })}
              onApprove={pm.approve}
              onWaive={waiverReason =>
                pm.update({ status: 'waived', waiverReason })
              }
              onExport={pm.exportMarkdown}
            />
          </Grid>
          <Grid item xs={12} lg={8}>
            <Grid container spacing={3}>
              {postmortem.sections.map(section => (
                <Grid item xs={12} key={section.id}>
                  <SectionCard
                    section={section}
                    readOnlyReason={readOnlyReason}
                    onSave={body => pm.saveSection(section.id, body)}
                  />
                </Grid>
              ))}
            </Grid>
          </Grid>
          <Grid item xs={12} lg={4}>
            <Grid container spacing={3}>
              <Grid item xs={12}>
                <AlsoCoversCard
                  postmortem={postmortem}
                  readOnlyReason={coverageReadOnlyReason}
                  busy={pm.busy}
                  onAttach={pm.attachIncident}
                  onDetach={pm.detachIncident}
                />
              </Grid>
              <Grid item xs={12}>
                <KeyDurationsCard
                  keyDurations={postmortem.keyDurations}
                  primaryRef={several ? postmortem.incidentRef : undefined}
                />
              </Grid>
              <Grid item xs={12}>
                <RunbooksUsedCard
                  runbooksUsed={postmortem.runbooksUsed}
                  published={postmortem.status === 'published'}
                />
              </Grid>
              <Grid item xs={12}>
                <StarredTimelineCard
                  timeline={postmortem.timeline}
                  incidentRefs={incidentRefs}
                  starredEventIds={postmortem.starredEventIds}
                  roles={settings.value?.roles ?? []}
                  readOnlyReason={readOnlyReason}
                  busy={pm.busy}
                  onToggle={pm.toggleStar}
                />
              </Grid>
            </Grid>
          </Grid>
          <Grid item xs={12}>
            <FollowUpsCard
              title="Action items"
              subheader="What will change because of this incident; added here, they name this postmortem"
              filter={{ incidentRef: postmortem.incidentId }}
              incident={{
                id: postmortem.incidentId,
                ref: postmortem.incidentRef,
              }}
              postmortemId={postmortem.id}
              hideIncident
              emptyMessage="No action items yet. Add one for each thing that should change: prevent, detect, mitigate or fix the process."
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

function Summary(props: {
  postmortem: PostmortemDetails;
  incidentLink: (params: { ref: string }) => string;
  nameOf: (ref: string) => string;
}) {
  const { postmortem, incidentLink, nameOf } = props;
  return (
    <Typography variant="body2" component="div">
      Incident{' '}
      <Link
        to={incidentLink({ ref: postmortem.incidentRef })}
        underline="always"
      >
        {postmortem.incidentRef}
      </Link>{' '}
      ({postmortem.incident.severity}, {postmortem.incident.status}) · owner{' '}
      {nameOf(postmortem.ownerRef)}
      {postmortem.dueAt &&
        !['published', 'waived'].includes(postmortem.status) && (
          <>
            {' '}
            · <DueText postmortem={postmortem} />
          </>
        )}
      {postmortem.approvals.length > 0 &&
        ` · approved by ${postmortem.approvals
          .map(a => nameOf(a.approverRef))
          .join(', ')}`}
    </Typography>
  );
}

function NoPostmortem(props: { incidentRef: string; onStarted: () => void }) {
  const api = useApi(firebreakApiRef);
  const incidentLink = useRouteRef(incidentRouteRef);
  const incident = useAsync(
    () => api.getIncident(props.incidentRef),
    [api, props.incidentRef],
  );
  const perms = usePostmortemPermissions(incident.value?.id);
  const [start, run] = useAsyncFn(async () => {
    await api.startPostmortem(props.incidentRef);
    props.onStarted();
  }, [api, props.incidentRef, props.onStarted]);
  return (
    <Page themeId="tool">
      <Header title={`Postmortem of ${props.incidentRef}`} />
      <Content>
        <Typography variant="body1" paragraph>
          {props.incidentRef} has no postmortem yet.{' '}
          <Link to={incidentLink({ ref: props.incidentRef })}>
            Back to the incident
          </Link>
        </Typography>
        {start.error && (
          <Alert severity="error">
            The postmortem was not started: {describeFailure(start.error)}
          </Alert>
        )}
        <Button
          variant="contained"
          color="primary"
          disabled={!perms.canCreate || start.loading}
          onClick={run}
        >
          Start postmortem
        </Button>
        {!perms.canCreate && (
          <Typography variant="body2" color="textSecondary">
            {POSTMORTEM_READ_ONLY_REASON}
          </Typography>
        )}
      </Content>
    </Page>
  );
}
