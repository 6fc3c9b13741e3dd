import { stringifyEntityRef } from '@backstage/catalog-model';
import { useRouteRef } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ACTIVE_INCIDENT_STATUSES,
  firebreakIncidentCreatePermission,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { incidentRouteRef } from '../../routes';
import { describeEntityScope } from '../../scope';
import { EntityFollowUpsSection } from '../ActionItems';
import { DeclareIncidentDialog } from '../DeclareIncidentDialog';
import { IncidentHistory } from '../IncidentHistory';
import { IncidentsTable } from '../IncidentsTable';
import { EntityRunbooksCard } from '../Runbooks/EntityRunbooksCard';

/**
 * The "Incidents" tab of an entity page: what is open now on top, the history below with
 * filters, and a button to declare an incident on this entity. On a system it covers the
 * system's parts, on a group what the group owns.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const scope = describeEntityScope(entity);
  const navigate = useNavigate();
  const incidentLink = useRouteRef(incidentRouteRef);
  const { allowed: canDeclare } = usePermission({
    permission: firebreakIncidentCreatePermission,
  });
  const [declaring, setDeclaring] = useState(false);

  return (
    <Grid container spacing={3}>
      <Grid
        item
        xs={12}
        style={{
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'space-between',
        }}
      >
        <Typography variant="body2" color="textSecondary">
          {scope.covers}
        </Typography>
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
          title={scope.activeTitle}
          status={[...ACTIVE_INCIDENT_STATUSES]}
          emptyMessage={scope.noActive}
          emptyDescription="When something breaks, declare an incident so responders and stakeholders can follow it."
          compactEmpty
          pageSize={50}
        />
      </Grid>
      <Grid item xs={12}>
        <EntityRunbooksCard />
        <EntityFollowUpsSection />
      </Grid>
      <Grid item xs={12}>
        <IncidentHistory
          entityRef={entityRef}
          title={scope.historyTitle}
          emptyMessage={`No incidents recorded for ${scope.name} yet`}
        />
      </Grid>
      <DeclareIncidentDialog
        open={declaring}
        entityRefs={scope.declaredOnItself ? [entityRef] : []}
        onClose={() => setDeclaring(false)}
        onDeclared={incident => {
          setDeclaring(false);
          navigate(incidentLink({ ref: incident.ref }));
        }}
      />
    </Grid>
  );
}
