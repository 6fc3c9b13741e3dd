import { Content, Header, Page } from '@backstage/core-components';
import { ACTIVE_INCIDENT_STATUSES } from '@firebreak/backstage-plugin-common';
import Grid from '@material-ui/core/Grid';
import { Route, Routes } from 'react-router-dom';
import { FollowUpsPage } from '../ActionItems';
import { IncidentHistory } from '../IncidentHistory';
import { EscalationPolicyEditorPage } from '../EscalationPolicyEditor';
import { EscalationPolicyPage } from '../EscalationPolicyPage';
import { IncidentPage } from '../IncidentPage';
import { IncidentsTable } from '../IncidentsTable';
import { OnCallOverviewPage } from '../OnCallOverviewPage';
import { PostmortemPage } from '../PostmortemPage';
import { ScheduleEditorPage } from '../ScheduleEditor';
import { SchedulePage } from '../SchedulePage';
import { FirebreakTabs } from './FirebreakTabs';

function StatusBoard() {
  return (
    <Page themeId="tool">
      <Header
        title="Incidents"
        subtitle="What is open now across the organisation, and the history"
      />
      <FirebreakTabs selected="incidents" />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <IncidentsTable
              title="Open now"
              status={[...ACTIVE_INCIDENT_STATUSES]}
              emptyMessage="Nothing is open right now"
              emptyDescription="This board updates by itself when an incident is declared or changes."
              compactEmpty
              pageSize={50}
            />
          </Grid>
          <Grid item xs={12}>
            <IncidentHistory
              title="All incidents"
              emptyMessage="No incidents yet"
              searchLabel="Search all incidents by title, or a ref such as INC-42"
            />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

/**
 * The `/firebreak` pages: the status board, one page per incident, and on-call: schedules and
 * escalation policies.
 *
 * @public
 */
export function FirebreakPage() {
  return (
    <Routes>
      <Route path="/" element={<StatusBoard />} />
      <Route path="/incidents/:ref" element={<IncidentPage />} />
      <Route path="/incidents/:ref/postmortem" element={<PostmortemPage />} />
      <Route path="/oncall" element={<OnCallOverviewPage />} />
      <Route path="/follow-ups" element={<FollowUpsPage />} />
      <Route path="/oncall/schedules/new" element={<ScheduleEditorPage />} />
      <Route path="/oncall/schedules/:id" element={<SchedulePage />} />
      <Route
        path="/oncall/schedules/:id/edit"
        element={<ScheduleEditorPage />}
      />
      <Route
        path="/oncall/policies/new"
        element={<EscalationPolicyEditorPage />}
      />
      <Route path="/oncall/policies/:id" element={<EscalationPolicyPage />} />
      <Route
        path="/oncall/policies/:id/edit"
        element={<EscalationPolicyEditorPage />}
      />
    </Routes>
  );
}
