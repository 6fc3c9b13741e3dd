import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { OnCallPage, PageStatus } from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import { DateTime } from 'luxon';
import { Fragment } from 'react';
import { escalationPolicyRouteRef } from '../../routes';
import { formatCountdown, formatSpan, formatWhen, useNow } from '../ShiftTime';

const useStyles = makeStyles(theme => ({
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  page: { display: 'block', paddingTop: theme.spacing(1.5) },
  title: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  policy: { fontWeight: 700 },
  active: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  acknowledged: {
    backgroundColor: theme.palette.success.main,
    color: theme.palette.success.contrastText,
  },
  exhausted: {
    backgroundColor: theme.palette.error.dark,
    color: theme.palette.error.contrastText,
  },
  cancelled: {},
  countdown: { fontWeight: 700, fontVariantNumeric: 'tabular-nums' },
  alarm: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: theme.spacing(1),
    color: theme.palette.error.main,
    fontWeight: 700,
  },
}));

const STATUS_LABELS: Record<PageStatus, string> = {
  active: 'paging',
  acknowledged: 'acknowledged',
  exhausted: 'exhausted',
  cancelled: 'cancelled',
};

function People(props: { refs: string[] }) {
  return (
    <>
      {props.refs.map((ref, index) => (
        <Fragment key={ref}>
          {index > 0 && ', '}
          <EntityRefLink entityRef={ref} defaultKind="user" />
        </Fragment>
      ))}
    </>
  );
}

function PageDetails(props: { page: OnCallPage; now: DateTime }) {
  const { page, now } = props;
  const classes = useStyles();
  const where = `Level ${page.level}${
    page.round > 1 ? `, round ${page.round}` : ''
  }`;
  switch (page.status) {
    case 'active':
      return (
        <>
          <Typography variant="body2">
            {where} · notified <People refs={page.notified} />
          </Typography>
          {page.nextEscalationAt && (
            <Typography variant="body2">
              {Date.parse(page.nextEscalationAt) > now.toMillis() ? (
                <>
                  Next level paged in{' '}
                  <span className={classes.countdown}>
                    {formatCountdown(page.nextEscalationAt, now)}
                  </span>{' '}
                  unless someone acknowledges
                </>
              ) : (
                'Paging the next level…'
              )}
            </Typography>
          )}
        </>
      );
    case 'acknowledged':
      return (
        <>
          <Typography variant="body2">
            Acknowledged by{' '}
            {page.acknowledgedBy ? (
              <EntityRefLink
                entityRef={page.acknowledgedBy}
                defaultKind="user"
              />
            ) : (
              'someone'
            )}
            {page.acknowledgedAt &&
              ` at ${formatWhen(page.acknowledgedAt, now)}, ${formatSpan(
                Date.parse(page.acknowledgedAt) - Date.parse(page.createdAt),
              )} after the page started`}
          </Typography>
          <Typography variant="body2" color="textSecondary">
            {where} · notified <People refs={page.notified} />
          </Typography>
        </>
      );
    case 'exhausted':
      return page.notified.length === 0 ? (
        <Typography variant="body2" className={classes.alarm}>
          <WarningIcon fontSize="small" />
          Nobody is on call at any level of this policy: nobody was paged. Page
          someone directly.
        </Typography>
      ) : (
        <>
          <Typography variant="body2" className={classes.alarm}>
            <WarningIcon fontSize="small" />
            Nobody acknowledged at any level: paging stopped.
          </Typography>
          <Typography variant="body2" color="textSecondary">
            Notified <People refs={page.notified} />
          </Typography>
        </>
      );
    default:
      return (
        <Typography variant="body2" color="textSecondary">
          Stopped when the incident no longer needed anyone · {where} · notified{' '}
          <People refs={page.notified} />
        </Typography>
      );
  }
}

/**
 * The pages of an incident: per escalation policy, where it stands, who was notified, when the
 * next level is paged, and who acknowledged; with acknowledging and escalating for those who
 * may.
 *
 * @internal
 */
export function PagingCard(props: {
  pages?: OnCallPage[];
  error?: Error;
  canAcknowledge: boolean;
  canEscalate: boolean;
  busy: boolean;
  onAcknowledge: () => void;
  onEscalate: () => void;
}) {
  const { pages, canAcknowledge, canEscalate, busy } = props;
  const classes = useStyles();
  const now = useNow(1000);
  const policyLink = useRouteRef(escalationPolicyRouteRef);

  let content;
  if (props.error) {
    content = <ResponseErrorPanel error={props.error} />;
  } else if (!pages) {
    content = <Progress />;
  } else if (pages.length === 0) {
    content = (
      <Typography variant="body2">
        Nobody has been paged for this incident: no escalation policy pages for
        its impacted entities, or it was declared before they had one.
      </Typography>
    );
  } else {
    content = (
      <List dense disablePadding aria-label="Pages">
        {[...pages].reverse().map(page => (
          <ListItem
            key={page.id}
            disableGutters
            divider
            className={classes.page}
          >
            <Box className={classes.title}>
              <Link
                className={classes.policy}
                to={policyLink({ id: page.policyId })}
              >
                {page.policyName}
              </Link>
              <Chip
                size="small"
                label={STATUS_LABELS[page.status] ?? page.status}
                className={classes[page.status] ?? classes.cancelled}
              />
            </Box>
            <PageDetails page={page} now={now} />
          </ListItem>
        ))}
      </List>
    );
  }

  const active = pages?.some(page => page.status === 'active') ?? false;
  let escalateLabel = 'Page the on-call';
  if (active) {
    escalateLabel = 'Escalate now';
  } else if (pages?.length) {
    escalateLabel = 'Page the on-call again';
  }
  return (
    <InfoCard title="Paging">
      {((active && canAcknowledge) || canEscalate) && (
        <Box className={classes.actions}>
          {active && canAcknowledge && (
            <Button
              variant="contained"
              color="primary"
              disabled={busy}
              onClick={props.onAcknowledge}
            >
              Acknowledge
            </Button>
          )}
          {canEscalate && (
            <Button
              variant="outlined"
              disabled={busy}
              onClick={props.onEscalate}
              title={
                active
                  ? 'Page the next level of every active policy now'
                  : 'Start the escalation policies of the impacted entities again'
              }
            >
              {escalateLabel}
            </Button>
          )}
        </Box>
      )}
      {content}
    </InfoCard>
  );
}
