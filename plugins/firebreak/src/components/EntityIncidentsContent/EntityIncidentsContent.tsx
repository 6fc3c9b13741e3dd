import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ACTIVE_INCIDENT_STATUSES,
  INCIDENT_STATUSES,
  firebreakIncidentCreatePermission,
  IncidentStatus,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { incidentRouteRef } from '../../routes';
import { DeclareIncidentDialog } from '../DeclareIncidentDialog';
import { IncidentsTable } from '../IncidentsTable';

/**
 * The "Incidents" tab of an entity page: what is open now on top, the history below with
 * filters, and a button to declare an incident on this entity.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const name = entity.metadata.title ?? entity.metadata.name;
  const navigate = useNavigate();
  const incidentLink = useRouteRef(incidentRouteRef);
  const { allowed: canDeclare } = usePermission({
    permission: firebreakIncidentCreatePermission,
  });
  const [declaring, setDeclaring] = useState(false);
  const [status, setStatus] = useState<IncidentStatus | ''>('');
  const [severity, setSeverity] = useState('');
  const [q, setQ] = useState('');

  return (
    <Grid container spacing={3}>
      <Grid
        item
        xs={12}
        style={{ display: 'flex', justifyContent: 'flex-end' }}
      >
        {canDeclare && (
          <Button
            variant="contained"
            color="secondary"
            onClick={() => setDeclaring(true)}
          >
            Declare incident
          </Button>
        )}
      </Grid>
      <Grid item xs={12}>
        <IncidentsTable
          entityRef={entityRef}
          title={`Active incidents of ${name}`}
          status={[...ACTIVE_INCIDENT_STATUSES]}
          emptyMessage={`No active incidents on ${name}`}
        />
      </Grid>
      <Grid item xs={12}>
        <Grid container spacing={2}>
          <Grid item>
            <TextField
              select
              label="Status"
              value={status}
              onChange={e => setStatus(e.target.value as IncidentStatus | '')}
              style={{ minWidth: 160 }}
            >
              <MenuItem value="">Any</MenuItem>
              {INCIDENT_STATUSES.map(s => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item>
            <TextField
              select
              label="Severity"
              value={severity}
              onChange={e => setSeverity(e.target.value)}
              style={{ minWidth: 120 }}
            >
              <MenuItem value="">Any</MenuItem>
              {['SEV1', 'SEV2', 'SEV3'].map(s => (
                <MenuItem key={s} value={s}>
                  {s}
                </MenuItem>
              ))}
            </TextField>
          </Grid>
          <Grid item xs>
            <TextField
              label="Search titles"
              value={q}
              onChange={e => setQ(e.target.value)}
              fullWidth
            />
          </Grid>
        </Grid>
      </Grid>
      <Grid item xs={12}>
        <IncidentsTable
          entityRef={entityRef}
          title={`Incident history of ${name}`}
          status={status ? [status] : undefined}
          severity={severity ? [severity] : undefined}
          q={q.trim() || undefined}
          emptyMessage={`No incidents on ${name} match`}
        />
      </Grid>
      <DeclareIncidentDialog
        open={declaring}
        entityRefs={[entityRef]}
        onClose={() => setDeclaring(false)}
        onDeclared={incident => {
          setDeclaring(false);
          navigate(incidentLink({ ref: incident.ref }));
        }}
      />
    </Grid>
  );
}
