import {
  EmptyState,
  Link,
  ResponseErrorPanel,
  Table,
  TableColumn,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLinks } from '@backstage/plugin-catalog-react';
import {
  IncidentStatus,
  IncidentSummary,
  isActiveStatus,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import { useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';
import { incidentRouteRef } from '../../routes';
import { SeverityChip } from '../SeverityChip';

function useColumns(): TableColumn<IncidentSummary>[] {
  const incidentLink = useRouteRef(incidentRouteRef);
  return [
    {
      title: 'Ref',
      field: 'ref',
      width: '100px',
      render: row => <Link to={incidentLink({ ref: row.ref })}>{row.ref}</Link>,
    },
    { title: 'Title', field: 'title', highlight: true },
    {
      title: 'Severity',
      field: 'severity',
      width: '110px',
      render: row => <SeverityChip severity={row.severity} />,
    },
    { title: 'Priority', field: 'priority', width: '90px' },
    {
      title: 'Status',
      field: 'status',
      width: '150px',
      render: row => (
        <Typography
          variant="body2"
          noWrap
          style={{ fontWeight: isActiveStatus(row.status) ? 700 : 400 }}
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
      width: '190px',
      render: row => (
        <span title={row.declaredAt}>
          {DateTime.fromISO(row.declaredAt).toLocaleString(
            DateTime.DATETIME_MED,
          )}
        </span>
      ),
    },
  ];
}

/**
 * Incidents, newest first: of one entity when `entityRef` is given, else of the organisation.
 * Pages with a cursor; filters by status, severity and text.
 *
 * @public
 */
export function IncidentsTable(props: {
  entityRef?: string;
  title?: string;
  status?: IncidentStatus[];
  severity?: string[];
  q?: string;
  /** Changes when the list should load again, for example after a declare. */
  refreshKey?: unknown;
  emptyMessage?: string;
  pageSize?: number;
}) {
  const {
    entityRef,
    title = 'Incidents',
    status,
    severity,
    q,
    refreshKey,
  } = props;
  const pageSize = props.pageSize ?? 25;
  const api = useApi(firebreakApiRef);
  const columns = useColumns();
  const [cursor, setCursor] = useState<string>();
  const [items, setItems] = useState<IncidentSummary[]>([]);
  const filterKey = JSON.stringify([
    entityRef,
    status,
    severity,
    q,
    refreshKey,
  ]);

  useEffect(() => {
    setItems([]);
    setCursor(undefined);
  }, [filterKey]);

  const page = useAsync(
    () =>
      api.listIncidents({
        entityRef,
        status,
        severity,
        q,
        limit: pageSize,
        cursor,
      }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [api, filterKey, cursor, pageSize],
  );
  useEffect(() => {
    if (page.value) {
      setItems(previous =>
        cursor ? [...previous, ...page.value!.items] : page.value!.items,
      );
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [page.value]);

  if (page.error) {
    return <ResponseErrorPanel error={page.error} />;
  }

  if (!page.loading && !cursor && page.value?.items.length === 0) {
    return (
      <EmptyState
        missing="data"
        title={props.emptyMessage ?? 'No incidents'}
        description="Nothing matches here. When something breaks, declare an incident so responders and stakeholders can follow it."
      />
    );
  }

  return (
    <>
      <Table<IncidentSummary>
        title={title}
        isLoading={page.loading && items.length === 0}
        columns={columns}
        data={items}
        options={{ paging: false, search: false, padding: 'dense' }}
      />
      {page.value?.nextCursor && (
        <Button
          onClick={() => setCursor(page.value!.nextCursor)}
          disabled={page.loading}
        >
          Show older incidents
        </Button>
      )}
    </>
  );
}
