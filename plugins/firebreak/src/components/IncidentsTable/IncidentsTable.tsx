import {
  EmptyState,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  ACTIVE_INCIDENT_STATUSES,
  IncidentSummary,
} from '@firebreak/backstage-plugin-common';
import Chip from '@material-ui/core/Chip';
import Typography from '@material-ui/core/Typography';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';

const columns: TableColumn<IncidentSummary>[] = [
  { title: 'Ref', field: 'ref', width: '100px' },
  { title: 'Title', field: 'title', highlight: true },
  {
    title: 'Severity',
    field: 'severity',
    width: '110px',
    render: row => (
      <Chip
        size="small"
        label={row.severity}
        color={row.severity === 'SEV1' ? 'secondary' : 'default'}
      />
    ),
  },
  {
    title: 'Status',
    field: 'status',
    width: '150px',
    render: row => (
      <Typography
        variant="body2"
        noWrap
        style={{
          fontWeight: ACTIVE_INCIDENT_STATUSES.includes(row.status) ? 700 : 400,
        }}
      >
        {row.status}
      </Typography>
    ),
  },
  {
    title: 'Impacted',
    field: 'entityRefs',
    render: row => <EntityRefLinks entityRefs={row.entityRefs} />,
  },
  {
    title: 'Declared',
    field: 'declaredAt',
    width: '200px',
    render: row => new Date(row.declaredAt).toLocaleString(),
  },
];

/**
 * Incidents, newest first: of one entity when `entityRef` is given, else of the organisation.
 *
 * @public
 */
export function IncidentsTable(props: { entityRef?: string; title?: string }) {
  const { entityRef, title = 'Incidents' } = props;
  const api = useApi(firebreakApiRef);
  const { value, loading, error } = useAsync(
    () => api.listIncidents({ entityRef, limit: 25 }),
    [api, entityRef],
  );

  if (error) {
    return <ResponseErrorPanel error={error} />;
  }

  if (!loading && value?.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title="No incidents yet"
        description="Nothing has been declared here. When something breaks, declare an incident so responders and stakeholders can follow it."
      />
    );
  }

  return (
    <Table<IncidentSummary>
      title={title}
      isLoading={loading}
      columns={columns}
      data={value?.items ?? []}
      options={{ paging: false, search: false, padding: 'dense' }}
    />
  );
}
