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
import Paper from '@material-ui/core/Paper';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import Typography from '@material-ui/core/Typography';
import { DateTime } from 'luxon';
import Alert from '@material-ui/lab/Alert';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { firebreakApiRef, ListIncidentsRequest } from '../../api';
import { useIncidentChanges } from '../../hooks/useIncidentChanges';
import { incidentRouteRef } from '../../routes';
import { SeverityChip } from '../SeverityChip';

const useStyles = makeStyles(theme => ({
  compactEmpty: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: theme.spacing(2, 3),
  },
  compactEmptyIcon: { color: theme.palette.success.main, fontSize: 32 },
}));

function useColumns(): TableColumn<IncidentSummary>[] {
  const incidentLink = useRouteRef(incidentRouteRef);
  return [
    {
      title: 'Ref',
      field: 'ref',
      width: '100px',
      render: row => <Link to={incidentLink({ ref: row.ref })}>{row.ref}</Link>,
    },
    {
      title: 'Title',
      field: 'title',
      highlight: true,
      cellStyle: { minWidth: 260 },
    },
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

/** What a list shows and where it stands. */
interface ListState {
  items: IncidentSummary[];
  nextCursor?: string;
  loading: boolean;
  error?: Error;
}

/**
 * Loads incidents a page at a time. Filters changing start over at the first page; `reloadKey`
 * changing (a signal, a declare) loads again every page the user has opened, keeping the rows
 * on screen until the fresh ones arrive. Only the newest request's answer is shown.
 */
function useIncidentPages(
  filters: ListIncidentsRequest,
  pageSize: number,
  reloadKey: string,
): ListState & { loadMore: () => void } {
  const api = useApi(firebreakApiRef);
  const [state, setState] = useState<ListState>({ items: [], loading: true });
  const filterKey = JSON.stringify(filters);
  // The same filters in a new object must not start over.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const stableFilters = useMemo(() => filters, [filterKey]);
  const latestRequest = useRef(0);
  const pagesOpened = useRef(1);
  const lastReloadKey = useRef(reloadKey);

  const fetchPages = useCallback(
    async (pages: number, cursor?: string) => {
      const items: IncidentSummary[] = [];
      let next = cursor;
      for (let loaded = 0; loaded < pages && (loaded === 0 || next); loaded++) {
        const page = await api.listIncidents({
          ...stableFilters,
          limit: pageSize,
          cursor: next,
        });
        items.push(...page.items);
        next = page.nextCursor;
      }
      return { items, nextCursor: next };
    },
    [api, stableFilters, pageSize],
  );

  const run = useCallback(
    (
      load: () => Promise<{ items: IncidentSummary[]; nextCursor?: string }>,
      merge: (
        previous: IncidentSummary[],
        loaded: IncidentSummary[],
      ) => IncidentSummary[],
    ) => {
      const request = ++latestRequest.current;
      setState(previous => ({ ...previous, loading: true }));
      load().then(
        page => {
          if (request === latestRequest.current) {
            setState(previous => ({
              items: merge(previous.items, page.items),
              nextCursor: page.nextCursor,
              loading: false,
            }));
          }
        },
        error => {
          if (request === latestRequest.current) {
            setState(previous => ({ ...previous, loading: false, error }));
          }
        },
      );
    },
    [],
  );

  useEffect(() => {
    pagesOpened.current = 1;
    setState({ items: [], loading: true });
    run(
      () => fetchPages(1),
      (_, loaded) => loaded,
    );
  }, [fetchPages, run]);

  useEffect(() => {
    if (lastReloadKey.current === reloadKey) {
      return;
    }
    lastReloadKey.current = reloadKey;
    run(
      () => fetchPages(pagesOpened.current),
      (_, loaded) => loaded,
    );
  }, [reloadKey, fetchPages, run]);

  const { nextCursor } = state;
  const loadMore = useCallback(() => {
    if (!nextCursor) {
      return;
    }
    pagesOpened.current += 1;
    run(
      () => fetchPages(1, nextCursor),
      (previous, loaded) => [...previous, ...loaded],
    );
  }, [nextCursor, fetchPages, run]);

  return { ...state, loadMore };
}

/**
 * Incidents, newest first: of one entity when `entityRef` is given (a system's include its parts',
 * a group's those of what it owns), else of the organisation. Pages with a cursor; filters by
 * status, severity, declared date and text; reloads by itself when incidents change.
 *
 * @public
 */
export function IncidentsTable(props: {
  entityRef?: string;
  title?: string;
  subtitle?: string;
  status?: IncidentStatus[];
  severity?: string[];
  q?: string;
  /** Declared at or after this ISO 8601 instant. */
  from?: string;
  /** Declared before this ISO 8601 instant. */
  to?: string;
  /** Changes when the list should load again, for example after a declare. */
  refreshKey?: unknown;
  emptyMessage?: string;
  /** Under the empty message; the default invites declaring when something breaks. */
  emptyDescription?: string;
  /** A button or link in the empty state, such as one that clears the filters. */
  emptyAction?: JSX.Element;
  /** A one-line empty state instead of the large illustrated one, for lists with more below. */
  compactEmpty?: boolean;
  pageSize?: number;
}) {
  const {
    entityRef,
    title = 'Incidents',
    status,
    severity,
    q,
    from,
    to,
  } = props;
  const pageSize = props.pageSize ?? 25;
  const columns = useColumns();
  const classes = useStyles();
  const changes = useIncidentChanges();
  const list = useIncidentPages(
    { entityRef, status, severity, q, from, to },
    pageSize,
    JSON.stringify([changes, props.refreshKey ?? null]),
  );

  if (list.error && list.items.length === 0) {
    return <ResponseErrorPanel error={list.error} />;
  }

  if (!list.loading && !list.error && list.items.length === 0) {
    if (props.compactEmpty) {
      return (
        <Paper className={classes.compactEmpty}>
          <CheckCircleOutline className={classes.compactEmptyIcon} />
          <div>
            <Typography variant="h6" component="p">
              {props.emptyMessage ?? 'No incidents'}
            </Typography>
            {props.emptyDescription && (
              <Typography variant="body2" color="textSecondary">
                {props.emptyDescription}
              </Typography>
            )}
          </div>
        </Paper>
      );
    }
    return (
      <EmptyState
        missing="data"
        title={props.emptyMessage ?? 'No incidents'}
        description={
          props.emptyDescription ??
          'When something breaks, declare an incident so responders and stakeholders can follow it.'
        }
        action={props.emptyAction}
      />
    );
  }

  return (
    <>
      {list.error && (
        <Alert severity="warning" style={{ marginBottom: 8 }}>
          Could not reload the list, it may be out of date: {list.error.message}
        </Alert>
      )}
      <Table<IncidentSummary>
        title={title}
        subtitle={props.subtitle}
        isLoading={list.loading && list.items.length === 0}
        columns={columns}
        data={list.items}
        options={{ paging: false, search: false, padding: 'dense' }}
      />
      {list.nextCursor && (
        <Button onClick={list.loadMore} disabled={list.loading}>
          Show older incidents
        </Button>
      )}
    </>
  );
}
