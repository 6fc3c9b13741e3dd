import {
  Content,
  Header,
  HeaderLabel,
  InfoCard,
  LinkButton,
  Page,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { firebreakOnCallUpdatePermission } from '@firebreak/backstage-plugin-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import EditIcon from '@material-ui/icons/Edit';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { levelOnCall, schedulesById } from '../../oncall/levelOnCall';
import { useNow } from '../../oncall/useNow';
import { OwnerHeaderLabel } from '../../oncall/OwnerHeaderLabel';
import { usePersonNames } from '../../oncall/usePersonNames';
import { editEscalationPolicyRouteRef, onCallRouteRef } from '../../routes';
import { LevelTargets } from './LevelTargets';

const useStyles = makeStyles(theme => ({
  levels: { margin: 0, padding: 0, listStyle: 'none' },
  level: {
    display: 'grid',
    gridTemplateColumns: '96px minmax(0, 1fr)',
    gap: theme.spacing(2),
    padding: theme.spacing(1.5, 0),
    borderBottom: `1px solid ${theme.palette.divider}`,
  },
  levelName: { fontWeight: 700 },
  then: { marginTop: theme.spacing(0.5) },
  end: { marginTop: theme.spacing(2) },
}));

/**
 * What happens after the last level, in words.
 *
 * @internal
 */
export function describeRepeat(repeat: number): string {
  if (repeat === 0) {
    return 'If nobody acknowledges after the last level, paging stops.';
  }
  return `If nobody acknowledges after the last level, the policy starts again from level 1, ${
    repeat === 1 ? 'once more' : `${repeat} more times`
  }; then paging stops.`;
}

/**
 * `/firebreak/oncall/policies/:id`: an escalation policy's levels, whom each reaches now, and
 * when paging moves on.
 *
 * @internal
 */
export function EscalationPolicyPage() {
  const { id = '' } = useParams();
  const api = useApi(firebreakApiRef);
  const classes = useStyles();
  const now = useNow();
  const onCallLink = useRouteRef(onCallRouteRef);
  const editLink = useRouteRef(editEscalationPolicyRouteRef);
  const state = useAsyncRetry(async () => {
    const [policy, schedules] = await Promise.all([
      api.getEscalationPolicy(id),
      api.listSchedules(),
    ]);
    return { policy, schedules: schedulesById(schedules.items) };
  }, [api, id]);
  const policy = state.value?.policy;
  const { allowed: canUpdate } = usePermission({
    permission: firebreakOnCallUpdatePermission,
    resourceRef: policy ? `escalation-policy:${policy.id}` : undefined,
  });
  const levels = policy
    ? policy.levels.map(level =>
        levelOnCall(level, state.value!.schedules, now),
      )
    : [];
  const nameOf = usePersonNames([
    ...(policy ? [policy.ownerRef] : []),
    ...levels.flatMap(targets =>
      targets.flatMap(t => [
        ...(t.target.type === 'user' ? [t.target.ref] : []),
        ...(t.current ? [t.current.userRef] : []),
      ]),
    ),
  ]);

  if (state.loading && !policy) {
    return <Progress />;
  }
  if (state.error || !policy) {
    return (
      <ResponseErrorPanel
        error={state.error ?? new Error(`No escalation policy ${id}`)}
      />
    );
  }

  return (
    <Page themeId="tool">
      <Header
        title={policy.name}
        type="Escalation policy"
        typeLink={onCallLink()}
      >
        <OwnerHeaderLabel ownerRef={policy.ownerRef} />
        <HeaderLabel
          label="Default policy"
          value={policy.isDefault ? 'Yes' : 'No'}
        />
      </Header>
      <Content>
        <Grid container spacing={3}>
          <Grid item xs={12}>
            <InfoCard
              title="Who is paged, in order"
              subheader={
                policy.isDefault
                  ? `The default policy for ${nameOf(
                      policy.ownerRef,
                    )}: it pages for everything the team owns, unless an entity names another policy.`
                  : 'Pages for the entities that name it in their firebreak.dev/escalation-policy annotation.'
              }
              action={
                canUpdate ? (
                  <LinkButton
                    to={editLink({ id: policy.id })}
                    variant="outlined"
                    color="primary"
                    startIcon={<EditIcon />}
                  >
                    Edit policy
                  </LinkButton>
                ) : undefined
              }
            >
              <ol className={classes.levels}>
                {policy.levels.map((level, index) => (
                  <li
                    key={index}
                    className={classes.level}
                    aria-label={`Level ${index + 1}`}
                  >
                    <Typography variant="body1" className={classes.levelName}>
                      Level {index + 1}
                    </Typography>
                    <div>
                      <LevelTargets targets={levels[index]} nameOf={nameOf} />
                      <Typography
                        variant="body2"
                        color="textSecondary"
                        className={classes.then}
                      >
                        {index < policy.levels.length - 1
                          ? `No acknowledgement within ${
                              level.ackTimeoutMinutes
                            } min → level ${index + 2}`
                          : `Waits ${level.ackTimeoutMinutes} min for an acknowledgement`}
                      </Typography>
                    </div>
                  </li>
                ))}
              </ol>
              <Typography variant="body2" className={classes.end}>
                {describeRepeat(policy.repeat)}
              </Typography>
            </InfoCard>
          </Grid>
        </Grid>
      </Content>
    </Page>
  );
}
