import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EntityRefLinks,
  entityRouteParams,
  entityRouteRef,
  useEntity,
} from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  ACTIVE_INCIDENT_STATUSES,
  firebreakIncidentCreatePermission,
  IncidentSummary,
  SeverityLevel,
} from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemIcon from '@material-ui/core/ListItemIcon';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import { DateTime } from 'luxon';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useInterval from 'react-use/esm/useInterval';
import { firebreakApiRef } from '../../api';
import { useIncidentChanges } from '../../hooks/useIncidentChanges';
import { incidentRouteRef } from '../../routes';
import { describeEntityScope } from '../../scope';
import { DeclareIncidentDialog } from '../DeclareIncidentDialog';
import { SeverityChip } from '../SeverityChip';
import { formatOpenFor } from './formatOpenFor';

/** More open incidents than this on one entity is a crisis the Incidents tab handles better. */
const MAX_LISTED = 100;

const useStyles = makeStyles(theme => ({
  severity: { minWidth: 72 },
  ref: { fontWeight: 700, marginRight: theme.spacing(1) },
  status: { fontWeight: 700 },
  empty: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(2),
  },
  emptyIcon: { color: theme.palette.success.main },
  actions: { display: 'flex', gap: theme.spacing(1), flexWrap: 'wrap' },
}));

/**
 * Worst severity first (the configured levels are ordered most severe first; unknown levels
 * last), then the longest open.
 *
 * @internal
 */
export function sortBySeverity(
  incidents: IncidentSummary[],
  levels: readonly SeverityLevel[] | undefined,
): IncidentSummary[] {
  const rank = (severity: string) => {
    const index = levels?.findIndex(level => level.id === severity) ?? -1;
    return index === -1 ? Number.MAX_SAFE_INTEGER : index;
  };
  return [...incidents].sort(
    (a, b) =>
      rank(a.severity) - rank(b.severity) ||
      (levels ? 0 : a.severity.localeCompare(b.severity, 'en-US')) ||
      a.declaredAt.localeCompare(b.declaredAt),
  );
}

/**
 * A card for an entity's overview page: its open incidents, worst first, each with how long it
 * has been open and a link to its page; when nothing is open it says so and offers to declare.
 * On a system it covers the system's parts, on a group what the group owns.
 *
 * @public
 */
export function EntityActiveIncidentsCard(props: {
  variant?: InfoCardVariants;
}) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const scope = describeEntityScope(entity);
  const classes = useStyles();
  const api = useApi(firebreakApiRef);
  const navigate = useNavigate();
  const incidentLink = useRouteRef(incidentRouteRef);
  const entityLink = useRouteRef(entityRouteRef);
  const historyLink = `${entityLink(entityRouteParams(entity))}/incidents`;
  const { allowed: canDeclare } = usePermission({
    permission: firebreakIncidentCreatePermission,
  });
  const [declaring, setDeclaring] = useState(false);
  const [now, setNow] = useState(() => DateTime.now());
  useInterval(() => setNow(DateTime.now()), 60_000);

  const changes = useIncidentChanges();
  const settings = useAsync(() => api.getSettings(), [api]);
  const active = useAsync(
    () =>
      api.listIncidents({
        entityRef,
        status: [...ACTIVE_INCIDENT_STATUSES],
        limit: MAX_LISTED,
      }),
    [api, entityRef, changes],
  );

  let content;
  if (active.error) {
    content = <ResponseErrorPanel error={active.error} />;
  } else if (!active.value) {
    content = <Progress />;
  } else if (active.value.items.length === 0) {
    content = (
      <>
        <Box className={classes.empty}>
          <CheckCircleOutline className={classes.emptyIcon} />
          <Typography variant="body1">{scope.noActive}.</Typography>
        </Box>
        <Box className={classes.actions}>
          {canDeclare && (
            <Button
              variant="contained"
              color="secondary"
              onClick={() => setDeclaring(true)}
            >
              Declare incident
            </Button>
          )}
          <LinkButton variant="outlined" to={historyLink}>
            Incident history
          </LinkButton>
        </Box>
      </>
    );
  } else {
    const incidents = sortBySeverity(
      active.value.items,
      settings.value?.severities,
    );
    content = (
      <>
        <List dense disablePadding aria-label={scope.activeTitle}>
          {incidents.map(incident => (
            <ListItem key={incident.id} divider disableGutters>
              <ListItemIcon className={classes.severity}>
                <SeverityChip severity={incident.severity} />
              </ListItemIcon>
              <ListItemText
                primary={
                  <Link to={incidentLink({ ref: incident.ref })}>
                    <span className={classes.ref}>{incident.ref}</span>
                    {incident.title}
                  </Link>
                }
                secondaryTypographyProps={{ component: 'div' }}
                secondary={
                  <>
                    <span className={classes.status}>{incident.status}</span>
                    {' · '}
                    <span title={`Declared ${incident.declaredAt}`}>
                      open for {formatOpenFor(incident.declaredAt, now)}
                    </span>
                    {scope.rollsUp && (
                      <>
                        {' · '}
                        <EntityRefLinks
                          entityRefs={incident.entityRefs}
                          defaultKind="component"
                        />
                      </>
                    )}
                  </>
                }
              />
            </ListItem>
          ))}
        </List>
        {active.value.nextCursor && (
          <Typography variant="body2" style={{ marginTop: 8 }}>
            More than {MAX_LISTED} incidents are open:{' '}
            <Link to={historyLink}>see them all</Link>.
          </Typography>
        )}
      </>
    );
  }

  return (
    <InfoCard
      title="Active incidents"
      subheader={scope.covers}
      variant={props.variant}
      deepLink={
        active.value?.items.length
          ? { title: 'All incidents', link: historyLink }
          : undefined
      }
    >
      {content}
      {declaring && (
        <DeclareIncidentDialog
          open
          entityRefs={scope.declaredOnItself ? [entityRef] : []}
          onClose={() => setDeclaring(false)}
          onDeclared={incident => {
            setDeclaring(false);
            navigate(incidentLink({ ref: incident.ref }));
          }}
        />
      )}
    </InfoCard>
  );
}
