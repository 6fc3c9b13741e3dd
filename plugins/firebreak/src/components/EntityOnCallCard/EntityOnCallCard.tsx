import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  InfoCard,
  InfoCardVariants,
  Link,
  LinkButton,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { EntityRefLink, useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EscalationPolicy,
  FIREBREAK_ESCALATION_POLICY_ANNOTATION,
  firebreakOnCallReadPermission,
  OnCallLevel,
  OnCallResponse,
} from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import ListSubheader from '@material-ui/core/ListSubheader';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import WarningIcon from '@material-ui/icons/Warning';
import Alert from '@material-ui/lab/Alert';
import { DateTime } from 'luxon';
import { useEffect } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { FirebreakApi, firebreakApiRef } from '../../api';
import {
  escalationPolicyRouteRef,
  onCallRouteRef,
  scheduleRouteRef,
} from '../../routes';
import { ShiftTime, useNow } from '../ShiftTime';

const useStyles = makeStyles(theme => ({
  level: {
    lineHeight: 1.5,
    paddingTop: theme.spacing(1.5),
    paddingLeft: 0,
    backgroundColor: 'inherit',
    fontWeight: 700,
    color: theme.palette.text.primary,
  },
  levelNote: {
    fontWeight: 400,
    textTransform: 'none',
    color: theme.palette.text.secondary,
  },
  person: { fontWeight: 700 },
  // The theme keeps dense list rows on one line; these must wrap in a narrow card.
  wrap: { whiteSpace: 'normal' },
  next: { color: theme.palette.text.secondary },
  nobody: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    color: theme.palette.warning.dark,
  },
  empty: { marginBottom: theme.spacing(2) },
  code: {
    fontFamily: 'monospace',
    fontSize: '0.9em',
    padding: theme.spacing(0, 0.5),
    borderRadius: 3,
    backgroundColor: theme.palette.action.hover,
  },
}));

function ownerOf(entity: Entity): string | undefined {
  if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    return stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  }
  const related = entity.relations?.find(
    r => r.type === RELATION_OWNED_BY,
  )?.targetRef;
  const owner = entity.spec?.owner;
  if (related || typeof owner !== 'string' || !owner) {
    return related;
  }
  return stringifyEntityRef(
    parseEntityRef(owner, {
      defaultKind: 'group',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  );
}

/** Who is on call for the entity, the policy's levels and the names of its schedules. */
async function loadOnCall(api: FirebreakApi, entityRef: string) {
  const onCall = await api.getOnCall(entityRef);
  const scheduleIds = new Set(
    onCall.levels.flatMap(level => [
      ...level.users.flatMap(u => (u.scheduleId ? [u.scheduleId] : [])),
      ...level.next.map(n => n.scheduleId),
    ]),
  );
  // Names and timeouts only make the card easier to read: it works without them.
  const [policy, ...schedules] = await Promise.allSettled([
    onCall.policy ? api.getEscalationPolicy(onCall.policy.id) : undefined,
    ...[...scheduleIds].map(id => api.getSchedule(id)),
  ]);
  const scheduleNames = new Map<string, string>();
  for (const result of schedules) {
    if (result.status === 'fulfilled' && result.value) {
      scheduleNames.set(result.value.id, result.value.name);
    }
  }
  return {
    onCall,
    policy:
      policy.status === 'fulfilled'
        ? (policy.value as EscalationPolicy | undefined)
        : undefined,
    scheduleNames,
  };
}

/** The first handoff still ahead: when it passes, who is on call has changed. */
function nextHandoff(onCall: OnCallResponse): number | undefined {
  const instants = onCall.levels.flatMap(level => [
    ...level.users.flatMap(u => (u.until ? [Date.parse(u.until)] : [])),
    ...level.next.map(n => Date.parse(n.start)),
  ]);
  return instants.length ? Math.min(...instants) : undefined;
}

function ScheduleLink(props: { id: string; names: Map<string, string> }) {
  const scheduleLink = useRouteRef(scheduleRouteRef);
  return (
    <Link to={scheduleLink({ id: props.id })}>
      {props.names.get(props.id) ?? 'schedule'}
    </Link>
  );
}

function LevelItems(props: {
  level: OnCallLevel;
  scheduleNames: Map<string, string>;
  now: DateTime;
}) {
  const { level, scheduleNames, now } = props;
  const classes = useStyles();
  // Each schedule's next shift is told with whoever holds the schedule now ("then Bob").
  const told = new Set<OnCallLevel['next'][number]>();
  const users = level.users.map(user => {
    const next = user.scheduleId
      ? level.next.find(n => n.scheduleId === user.scheduleId && !told.has(n))
      : undefined;
    if (next) {
      told.add(next);
    }
    return { user, next };
  });
  const untold = level.next.filter(n => !told.has(n));
  return (
    <>
      {level.users.length === 0 && (
        <ListItem disableGutters>
          <Typography variant="body2" className={classes.nobody}>
            <WarningIcon fontSize="small" />
            Nobody is on call at this level now: paging skips it.
          </Typography>
        </ListItem>
      )}
      {users.map(({ user, next }) => (
        <ListItem key={user.userRef} disableGutters>
          <ListItemText
            className={classes.wrap}
            primary={
              <>
                <span className={classes.person}>
                  <EntityRefLink entityRef={user.userRef} defaultKind="user" />
                </span>
                {user.scheduleId && (
                  <>
                    {' · '}
                    <ScheduleLink id={user.scheduleId} names={scheduleNames} />
                  </>
                )}
              </>
            }
            secondaryTypographyProps={{ component: 'div' }}
            secondary={
              user.until ? (
                <>
                  <div>
                    on call until <ShiftTime at={user.until} now={now} />
                  </div>
                  {next && (
                    <div>
                      then{' '}
                      <EntityRefLink
                        entityRef={next.userRef}
                        defaultKind="user"
                      />
                      {next.start !== user.until && (
                        <>
                          {' '}
                          from <ShiftTime at={next.start} now={now} />
                        </>
                      )}
                    </div>
                  )}
                </>
              ) : (
                'always paged at this level (named in the policy)'
              )
            }
          />
        </ListItem>
      ))}
      {untold.map(next => (
        <ListItem key={`${next.scheduleId}-${next.start}`} disableGutters>
          <Typography variant="body2" className={classes.next}>
            Next: <EntityRefLink entityRef={next.userRef} defaultKind="user" />{' '}
            from <ShiftTime at={next.start} now={now} />
            {' · '}
            <ScheduleLink id={next.scheduleId} names={scheduleNames} />
          </Typography>
        </ListItem>
      ))}
    </>
  );
}

function NoPolicy(props: { entity: Entity }) {
  const { entity } = props;
  const classes = useStyles();
  const onCallLink = useRouteRef(onCallRouteRef);
  const name = entity.metadata.title ?? entity.metadata.name;
  const annotation =
    entity.metadata.annotations?.[FIREBREAK_ESCALATION_POLICY_ANNOTATION];
  const owner = ownerOf(entity);
  const annotationName = (
    <span className={classes.code}>
      {FIREBREAK_ESCALATION_POLICY_ANNOTATION}
    </span>
  );
  let message;
  if (annotation?.trim()) {
    message = (
      <>
        The {annotationName} annotation names “{annotation.trim()}”, but no
        escalation policy has that id or name, so nobody is paged when {name}{' '}
        breaks. Fix the annotation, or remove it to page the owner’s default
        policy.
      </>
    );
  } else if (entity.kind.toLocaleLowerCase('en-US') === 'group') {
    message = (
      <>
        {name} has no default escalation policy, so nobody is paged when what it
        owns breaks. Create a schedule and a default escalation policy for the
        team, or set the {annotationName} annotation on its components.
      </>
    );
  } else if (owner) {
    message = (
      <>
        Nobody is paged when {name} breaks: its owner,{' '}
        <EntityRefLink entityRef={owner} defaultKind="group" />, has no default
        escalation policy. Create a schedule and a default escalation policy for
        the owning team, or set the {annotationName} annotation to an existing
        policy.
      </>
    );
  } else {
    message = (
      <>
        Nobody is paged when {name} breaks: it has no owner and no{' '}
        {annotationName} annotation. Give it an owning team with a default
        escalation policy, or set the annotation to an existing policy.
      </>
    );
  }
  return (
    <>
      <Typography variant="body1" className={classes.empty}>
        {message}
      </Typography>
      <LinkButton variant="outlined" to={onCallLink()}>
        Set up on-call
      </LinkButton>
    </>
  );
}

/**
 * A card for an entity's overview page: which escalation policy pages for the entity and why
 * (its annotation, or its owner's default), and for each level who is on call now, until when,
 * and who takes over next. Without a policy it says how to get one.
 *
 * @public
 */
export function EntityOnCallCard(props: { variant?: InfoCardVariants }) {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const classes = useStyles();
  const api = useApi(firebreakApiRef);
  const policyLink = useRouteRef(escalationPolicyRouteRef);
  const { allowed, loading: checking } = usePermission({
    permission: firebreakOnCallReadPermission,
  });
  const now = useNow(30_000);
  const state = useAsyncRetry(
    async () => (allowed ? loadOnCall(api, entityRef) : undefined),
    [api, entityRef, allowed],
  );

  // At a handoff someone else is on call: read it again rather than show the last shift.
  const handoff = state.value ? nextHandoff(state.value.onCall) : undefined;
  const { retry, loading } = state;
  useEffect(() => {
    if (handoff !== undefined && now.toMillis() >= handoff && !loading) {
      retry();
    }
  }, [handoff, now, loading, retry]);

  const onCall = state.value?.onCall;
  let content;
  if (checking) {
    content = <Progress />;
  } else if (!allowed) {
    content = (
      <Typography variant="body1">
        You are not allowed to see who is on call.
      </Typography>
    );
  } else if (state.error) {
    content = <ResponseErrorPanel error={state.error} />;
  } else if (!state.value || !onCall) {
    content = <Progress />;
  } else if (!onCall.policy) {
    content = <NoPolicy entity={entity} />;
  } else {
    const { policy, scheduleNames } = state.value;
    const nobodyAtAll = onCall.levels.every(level => level.users.length === 0);
    content = (
      <>
        {nobodyAtAll && (
          <Alert severity="error">
            Nobody is on call at any level now: an incident on{' '}
            {entity.metadata.title ?? entity.metadata.name} would page nobody.
          </Alert>
        )}
        <List dense disablePadding aria-label="Who is on call">
          {onCall.levels.map(level => {
            const timeout = policy?.levels[level.level - 1]?.ackTimeoutMinutes;
            return (
              <li key={level.level}>
                <List dense disablePadding aria-label={`Level ${level.level}`}>
                  <ListSubheader className={classes.level} disableSticky>
                    Level {level.level}
                    {timeout !== undefined && (
                      <span className={classes.levelNote}>
                        {' '}
                        · {timeout} min to acknowledge before the next level
                      </span>
                    )}
                  </ListSubheader>
                  <LevelItems
                    level={level}
                    scheduleNames={scheduleNames}
                    now={now}
                  />
                </List>
              </li>
            );
          })}
        </List>
      </>
    );
  }

  const policyRef = onCall?.policy;
  return (
    <InfoCard
      title="On call"
      variant={props.variant}
      subheader={
        policyRef && (
          <Box component="span">
            Paged through{' '}
            <Link to={policyLink({ id: policyRef.id })}>{policyRef.name}</Link>
            {onCall?.policySource === 'annotation' ? (
              <>
                , named by the{' '}
                <span className={classes.code}>
                  {FIREBREAK_ESCALATION_POLICY_ANNOTATION}
                </span>{' '}
                annotation
              </>
            ) : (
              <>
                , the default policy of{' '}
                <EntityRefLink
                  entityRef={policyRef.ownerRef}
                  defaultKind="group"
                />
              </>
            )}
          </Box>
        )
      }
      deepLink={
        policyRef
          ? {
              title: 'Escalation policy',
              link: policyLink({ id: policyRef.id }),
            }
          : undefined
      }
    >
      {content}
    </InfoCard>
  );
}
