import { Content, Header, Page } from '@backstage/core-components';
import { ACTIVE_INCIDENT_STATUSES } from '@firebreak/backstage-plugin-common';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { Route, Routes } from 'react-router-dom';
import { IncidentPage } from '../IncidentPage';
import { IncidentsTable } from '../IncidentsTable';

function StatusBoard() {
  const [q, setQ] = useState('');
  return (
    <Page themeId="tool">
      <Header
        title="Incidents"
        subtitle="What is open now across the organisation, and the history"
      />
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <IncidentsTable
              title="Open now"
              status={[...ACTIVE_INCIDENT_STATUSES]}
              emptyMessage="Nothing is open right now"
            />
          </Grid>
          <Grid item xs={12}>
            <TextField
              label="Search all incidents"
              value={q}
              onChange={e => setQ(e.target.value)}
              fullWidth
            />
          </Grid>
          <Grid item xs={12}>
            <IncidentsTable title="All incidents" q={q.trim() || undefined} />
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}

/**
 * The `/firebreak` pages: the status board, and one page per incident.
 *
 * @public
 */
export function FirebreakPage() {
  return (
    <Routes>
      <Route path="/" element={<StatusBoard />} />
      <Route path="/incidents/:ref" element={<IncidentPage />} />
    </Routes>
  );
}
