import {
  Content,
  ContentHeader,
  EmptyState,
  Header,
  InfoCard,
  Link,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EscalationPolicy,
  Schedule,
  findOnCall,
  firebreakOnCallCreatePermission,
  onCallOwnerResourceRef,
} from '@firebreak/backstage-plugin-common';
import Chip from '@material-ui/core/Chip';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { formatInstant } from '../../oncall/formatTimes';
import { useNow } from '../../oncall/useNow';
import { normalizeRef, usePersonNames } from '../../oncall/usePersonNames';
import {
  escalationPolicyRouteRef,
  newEscalationPolicyRouteRef,
  newScheduleRouteRef,
  scheduleRouteRef,
} from '../../routes';
import { FirebreakTabs } from '../FirebreakPage/FirebreakTabs';

const useStyles = makeStyles(theme => ({
  actions: { display: 'flex', gap: theme.spacing(1) },
  section: { marginBottom: theme.spacing(1) },
  nobody: { color: theme.palette.warning.main, fontWeight: 600 },
  onCall: { fontWeight: 700, color: theme.palette.text.primary },
  defaultChip: { marginLeft: theme.spacing(1) },
}));

interface Team {
  ownerRef: string;
  mine: boolean;
  schedules: Schedule[];
  policies: EscalationPolicy[];
}

function groupByTeam(
  schedules: Schedule[],
  policies: EscalationPolicy[],
  myRefs: string[],
): Team[] {
  const teams = new Map<string, Team>();
  const teamOf = (ownerRef: string) => {
    const key = normalizeRef(ownerRef, 'group');
    let team = teams.get(key);
    if (!team) {
      team = {
        ownerRef: key,
        mine: myRefs.includes(key),
        schedules: [],
        policies: [],
      };
      teams.set(key, team);
    }
    return team;
  };
  schedules.forEach(s => teamOf(s.ownerRef).schedules.push(s));
  policies.forEach(p => teamOf(p.ownerRef).policies.push(p));
  // The viewer's own teams first: that is what they came for.
  return [...teams.values()].sort(
    (a, b) =>
      Number(b.mine) - Number(a.mine) || a.ownerRef.localeCompare(b.ownerRef),
  );
}

function describePolicy(policy: EscalationPolicy): string {
  const levels = `${policy.levels.length} level${
    policy.levels.length === 1 ? '' : 's'
  }`;
  const repeat =
    policy.repeat === 0
      ? 'runs once'
      : `repeats ${policy.repeat === 1 ? 'once' : `${policy.repeat} times`}`;
  return `${levels} · ${repeat}`;
}

function ScheduleItem(props: {
  schedule: Schedule;
  now: Date;
  nameOf: (ref: string) => string;
}) {
  const { schedule, now, nameOf } = props;
  const classes = useStyles();
  const scheduleLink = useRouteRef(scheduleRouteRef);
  const { current, next } = findOnCall(schedule, now);
  return (
    <ListItem disableGutters divider>
      <ListItemText
        primary={
          <Link to={scheduleLink({ id: schedule.id })}>{schedule.name}</Link>
        }
        secondaryTypographyProps={{ component: 'div' }}
        secondary={
          <>
            {current ? (
              <Typography variant="body2">
                On call now:{' '}
                <span className={classes.onCall}>
                  {nameOf(current.userRef)}
                </span>{' '}
                until {formatInstant(current.end)}
              </Typography>
            ) : (
              <Typography variant="body2" className={classes.nobody}>
                Nobody is on call now
              </Typography>
            )}
            {next && (
              <Typography variant="caption" color="textSecondary">
                Next: {nameOf(next.userRef)} from {formatInstant(next.start)}
              </Typography>
            )}
          </>
        }
      />
    </ListItem>
  );
}

function TeamCard(props: {
  team: Team;
  now: Date;
  nameOf: (ref: string) => string;
}) {
  const { team, now, nameOf } = props;
  const classes = useStyles();
  const policyLink = useRouteRef(escalationPolicyRouteRef);
  return (
    <InfoCard
      title={<EntityRefLink entityRef={team.ownerRef} defaultKind="group" />}
      subheader={team.mine ? 'Your team' : undefined}
    >
      <Grid container spacing={3}>
        <Grid item xs={12} md={7}>
          <Typography variant="overline" className={classes.section}>
            Schedules
          </Typography>
          {team.schedules.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No schedule: nobody from this team is paged by a rotation.
            </Typography>
          ) : (
            <List dense disablePadding>
              {team.schedules.map(schedule => (
                <ScheduleItem
                  key={schedule.id}
                  schedule={schedule}
                  now={now}
                  nameOf={nameOf}
                />
              ))}
            </List>
          )}
        </Grid>
        <Grid item xs={12} md={5}>
          <Typography variant="overline" className={classes.section}>
            Escalation policies
          </Typography>
          {team.policies.length === 0 ? (
            <Typography variant="body2" color="textSecondary">
              No escalation policy: incidents of this team's services page
              nobody.
            </Typography>
          ) : (
            <List dense disablePadding>
              {team.policies.map(policy => (
                <ListItem key={policy.id} disableGutters divider>
                  <ListItemText
                    primary={
                      <>
                        <Link to={policyLink({ id: policy.id })}>
                          {policy.name}
                        </Link>
                        {policy.isDefault && (
                          <Chip
                            size="small"
                            label="Default"
                            title="Pages for everything this team owns, unless an entity names another policy"
                            className={classes.defaultChip}
                          />
                        )}
                      </>
                    }
                    secondary={describePolicy(policy)}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Grid>
      </Grid>
    </InfoCard>
  );
}

/**
 * `/firebreak/oncall`: every team's schedules, with who is on call now, and escalation
 * policies; the viewer's teams first.
 *
 * @internal
 */
export function OnCallOverviewPage() {
  const api = useApi(firebreakApiRef);
  const identityApi = useApi(identityApiRef);
  const classes = useStyles();
  const now = useNow();
  const newScheduleLink = useRouteRef(newScheduleRouteRef);
  const newPolicyLink = useRouteRef(newEscalationPolicyRouteRef);
  const state = useAsyncRetry(async () => {
    const [schedules, policies] = await Promise.all([
      api.listSchedules(),
      api.listEscalationPolicies(),
    ]);
    return { schedules: schedules.items, policies: policies.items };
  }, [api]);
  const me = useAsync(async () => {
    const identity = await identityApi.getBackstageIdentity();
    return identity.ownershipEntityRefs.map(ref => normalizeRef(ref, 'group'));
  }, [identityApi]);
  // A new schedule or policy starts out as the viewer's first team's (see useNewOwnerRef).
  const firstTeam = me.value?.find(ref => ref.startsWith('group:'));
  const { allowed: canCreate } = usePermission({
    permission: firebreakOnCallCreatePermission,
    resourceRef: firstTeam && onCallOwnerResourceRef(firstTeam),
  });
  const nameOf = usePersonNames(
    (state.value?.schedules ?? []).flatMap(schedule => [
      ...schedule.layers.flatMap(layer => layer.participants),
      ...schedule.overrides.map(o => o.userRef),
    ]),
  );

  const teams = state.value
    ? groupByTeam(state.value.schedules, state.value.policies, me.value ?? [])
    : [];

  let body;
  if (state.loading && !state.value) {
    body = <Progress />;
  } else if (state.error) {
    body = <ResponseErrorPanel error={state.error} />;
  } else if (teams.length === 0) {
    body = (
      <EmptyState
        missing="data"
        title="No on-call schedules yet"
        description="A schedule says who of a team is on call when; an escalation policy says whom an incident pages, and when to go on to the next person."
        action={
          canCreate ? (
            <LinkButton
              variant="contained"
              color="primary"
              to={newScheduleLink()}
            >
              New schedule
            </LinkButton>
          ) : undefined
        }
      />
    );
  } else {
    body = (
      <Grid container spacing={3}>
        {teams.map(team => (
          <Grid item xs={12} key={team.ownerRef}>
            <TeamCard team={team} now={now} nameOf={nameOf} />
          </Grid>
        ))}
      </Grid>
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title="On-call"
        subtitle="Who is on call for each team, and whom an incident pages"
      />
      <FirebreakTabs selected="oncall" />
      <Content>
        <ContentHeader title="Schedules and escalation policies by team">
          {canCreate && (
            <div className={classes.actions}>
              <LinkButton
                variant="contained"
                color="primary"
                startIcon={<AddIcon />}
                to={newScheduleLink()}
              >
                New schedule
              </LinkButton>
              <LinkButton
                variant="outlined"
                color="primary"
                startIcon={<AddIcon />}
                to={newPolicyLink()}
              >
                New escalation policy
              </LinkButton>
            </div>
          )}
        </ContentHeader>
        {body}
      </Content>
    </Page>
  );
}
