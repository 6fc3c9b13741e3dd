import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import { IncidentFilters, useIncidentFilters } from '../IncidentFilters';
import { IncidentsTable } from '../IncidentsTable';

/**
 * A filterable incident history: the filter bar (kept in the page address) over a paged table.
 * When the filters hide everything it says so and offers to clear them.
 *
 * @internal
 */
export function IncidentHistory(props: {
  /** Of one entity; of the whole organisation without it. */
  entityRef?: string;
  title: string;
  /** What to say when there are no incidents at all. */
  emptyMessage: string;
  searchLabel?: string;
}) {
  const filters = useIncidentFilters();
  return (
    <Grid container spacing={2}>
      <Grid item xs={12}>
        <IncidentFilters
          values={filters.values}
          onChange={filters.setValues}
          onClear={filters.clear}
          active={filters.active}
          searchLabel={props.searchLabel}
        />
      </Grid>
      <Grid item xs={12}>
        <IncidentsTable
          entityRef={props.entityRef}
          title={props.title}
          {...filters.request}
          emptyMessage={
            filters.active
              ? 'No incidents match these filters'
              : props.emptyMessage
          }
          emptyDescription={
            filters.active
              ? 'Clear the filters to see the whole history.'
              : undefined
          }
          emptyAction={
            filters.active ? (
              <Button variant="outlined" onClick={filters.clear}>
                Clear filters
              </Button>
            ) : undefined
          }
        />
      </Grid>
    </Grid>
  );
}
