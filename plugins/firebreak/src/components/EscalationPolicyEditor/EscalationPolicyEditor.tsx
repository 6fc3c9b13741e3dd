import {
  Content,
  Header,
  InfoCard,
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
import { usePermission } from '@backstage/plugin-permission-react';
import {
  EscalationLevel,
  EscalationPolicy,
  MAX_ESCALATION_LEVELS,
  MAX_ESCALATION_REPEAT,
  Schedule,
  ScheduleProblem,
  findEscalationPolicyProblems,
  firebreakOnCallCreatePermission,
  firebreakOnCallUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Checkbox from '@material-ui/core/Checkbox';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import Alert from '@material-ui/lab/Alert';
import { useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { levelOnCall, schedulesById } from '../../oncall/levelOnCall';
import { indexProblems, problemFromMessage } from '../../oncall/problems';
import { useNow } from '../../oncall/useNow';
import { normalizeRef, usePersonNames } from '../../oncall/usePersonNames';
import { escalationPolicyRouteRef, onCallRouteRef } from '../../routes';
import { GroupPicker } from '../CatalogEntityPicker';
import { describeField } from '../ScheduleEditor/describeField';
import { describeRepeat } from '../EscalationPolicyPage/EscalationPolicyPage';
import { LevelEditor } from './LevelEditor';

/**
 * What the escalation policy form edits.
 *
 * @internal
 */
export interface EscalationPolicyDraft {
  name: string;
  ownerRef: string;
  levels: EscalationLevel[];
  repeat: number;
  isDefault: boolean;
}

const useStyles = makeStyles(theme => ({
  levels: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
  },
  grow: { flexGrow: 1 },
  summary: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

/**
 * Everything wrong with a policy draft: the rules of -common, a name and owner, and schedule
 * targets that name no schedule.
 *
 * @internal
 */
export function findPolicyDraftProblems(
  draft: EscalationPolicyDraft,
  schedules: ReadonlyMap<string, Schedule>,
): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!draft.name.trim()) {
    problems.push({ field: 'name', message: 'must not be empty' });
  }
  if (!draft.ownerRef) {
    problems.push({
      field: 'ownerRef',
      message: 'pick the team that owns the policy',
    });
  }
  problems.push(...findEscalationPolicyProblems(draft));
  draft.levels.forEach((level, l) =>
    level.targets.forEach((target, t) => {
      if (
        target.type === 'schedule' &&
        target.ref &&
        !schedules.has(target.ref.toLocaleLowerCase('en-US'))
      ) {
        problems.push({
          field: `levels[${l}].targets[${t}].ref`,
          message: 'this schedule no longer exists',
        });
      }
    }),
  );
  return problems;
}

function PolicyForm(props: {
  initial: EscalationPolicyDraft;
  policy?: EscalationPolicy;
  schedules: Schedule[];
  allowed: boolean;
  onSave: (
    draft: EscalationPolicyDraft,
  ) => Promise<ScheduleProblem | undefined>;
  onDelete?: () => Promise<void>;
  cancelLink: string;
}) {
  const { policy, schedules } = props;
  const classes = useStyles();
  const now = useNow();
  const [draft, setDraft] = useState(props.initial);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverProblem, setServerProblem] = useState<ScheduleProblem>();
  const [confirmDelete, setConfirmDelete] = useState(false);
  const byId = schedulesById(schedules);
  const problemList = findPolicyDraftProblems(draft, byId);
  const problems = indexProblems(
    serverProblem ? [serverProblem, ...problemList] : problemList,
  );
  const showProblems = dirty || !!policy || !!serverProblem;
  const onCallNow = draft.levels.map(level => levelOnCall(level, byId, now));
  const nameOf = usePersonNames([
    ...(draft.ownerRef ? [draft.ownerRef] : []),
    ...draft.levels.flatMap(level =>
      level.targets.filter(t => t.type === 'user').map(t => t.ref),
    ),
    ...onCallNow.flatMap(targets =>
      targets.flatMap(t => (t.current ? [t.current.userRef] : [])),
    ),
  ]);
  const scheduleNameOf = (id: string) =>
    byId.get(id.toLocaleLowerCase('en-US'))?.name ?? id;

  const update = (changes: Partial<EscalationPolicyDraft>) => {
    setDraft(previous => ({ ...previous, ...changes }));
    setDirty(true);
    setServerProblem(undefined);
  };

  const save = async () => {
    setBusy(true);
    try {
      setServerProblem(
        await props.onSave({ ...draft, name: draft.name.trim() }),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      onSubmit={e => {
        e.preventDefault();
        save();
      }}
    >
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Escalation policy">
            <Grid container spacing={2}>
              <Grid item xs={12} md={4}>
                <TextField
                  id="firebreak-policy-name"
                  label="Name"
                  value={draft.name}
                  onChange={e => update({ name: e.target.value })}
                  error={showProblems && !!problems.at('name')}
                  helperText={
                    (showProblems && problems.at('name')) ||
                    'Unique across teams, such as "Payments default"'
                  }
                  fullWidth
                />
              </Grid>
              <Grid item xs={12} md={4}>
                <GroupPicker
                  id="firebreak-policy-owner"
                  label="Owner team"
                  value={draft.ownerRef || undefined}
                  onChange={ownerRef => update({ ownerRef })}
                  error={showProblems && !!problems.at('ownerRef')}
                  helperText={
                    (showProblems && problems.at('ownerRef')) ||
                    'Its members may change the policy'
                  }
                />
              </Grid>
              <Grid item xs={12} md={4}>
                <TextField
                  id="firebreak-policy-repeat"
                  label="Repeat when nobody acknowledges"
                  type="number"
                  value={Number.isNaN(draft.repeat) ? '' : draft.repeat}
                  onChange={e =>
                    update({
                      repeat:
                        e.target.value === '' ? NaN : Number(e.target.value),
                    })
                  }
                  inputProps={{ min: 0, max: MAX_ESCALATION_REPEAT, step: 1 }}
                  error={showProblems && !!problems.at('repeat')}
                  helperText={
                    (showProblems && problems.at('repeat')) ||
                    (Number.isInteger(draft.repeat)
                      ? describeRepeat(draft.repeat)
                      : undefined)
                  }
                  fullWidth
                />
              </Grid>
              <Grid item xs={12}>
                <FormControlLabel
                  control={
                    <Checkbox
                      checked={draft.isDefault}
                      onChange={e => update({ isDefault: e.target.checked })}
                      color="primary"
                    />
                  }
                  label={`Default policy for ${
                    draft.ownerRef ? nameOf(draft.ownerRef) : 'the owner team'
                  }`}
                />
                <FormHelperText>
                  The default policy pages for everything the team owns, unless
                  an entity names another one in its
                  firebreak.dev/escalation-policy annotation. The team's
                  previous default stops being the default.
                </FormHelperText>
              </Grid>
            </Grid>
          </InfoCard>
        </Grid>
        <Grid item xs={12}>
          <Typography variant="h5" component="h2">
            Levels
          </Typography>
          <Typography variant="body2" color="textSecondary" paragraph>
            Paging starts with level 1 and moves to the next level when nobody
            acknowledges in time. A level whose schedules have nobody on call is
            skipped at once.
          </Typography>
          {showProblems && problems.at('levels') && (
            <Alert severity="error" style={{ marginBottom: 16 }}>
              Levels: {problems.at('levels')}
            </Alert>
          )}
          <div className={classes.levels}>
            {draft.levels.map((level, index) => (
              <LevelEditor
                key={index}
                level={level}
                index={index}
                count={draft.levels.length}
                schedules={schedules}
                onCallNow={onCallNow[index]}
                problems={problems}
                showProblems={showProblems}
                nameOf={nameOf}
                scheduleNameOf={scheduleNameOf}
                onChange={changed =>
                  update({
                    levels: draft.levels.map((l, i) =>
                      i === index ? changed : l,
                    ),
                  })
                }
                onMove={to => {
                  const levels = [...draft.levels];
                  const [moved] = levels.splice(index, 1);
                  levels.splice(to, 0, moved);
                  update({ levels });
                }}
                onRemove={() =>
                  update({
                    levels: draft.levels.filter((_l, i) => i !== index),
                  })
                }
              />
            ))}
          </div>
          <Button
            color="primary"
            startIcon={<AddIcon />}
            style={{ marginTop: 16 }}
            disabled={draft.levels.length >= MAX_ESCALATION_LEVELS}
            onClick={() =>
              update({
                levels: [
                  ...draft.levels,
                  { targets: [], ackTimeoutMinutes: 15 },
                ],
              })
            }
          >
            Add a level
          </Button>
        </Grid>
        <Grid item xs={12}>
          <div className={classes.footer}>
            <Button
              type="submit"
              variant="contained"
              color="primary"
              disabled={!props.allowed || busy || problems.all.length > 0}
            >
              {policy ? 'Save' : 'Create policy'}
            </Button>
            <LinkButton to={props.cancelLink}>Cancel</LinkButton>
            {!props.allowed && (
              <Typography variant="body2" color="textSecondary">
                {policy
                  ? 'Only the team that owns this policy may save it.'
                  : 'You may not create escalation policies.'}
              </Typography>
            )}
            {problems.all.length > 0 && (
              <div role="status" aria-label="What keeps this from saving">
                <Typography variant="body2">
                  To save, fix {problems.all.length === 1 ? 'this' : 'these'}:
                </Typography>
                <ul className={classes.summary}>
                  {problems.all.slice(0, 6).map(problem => (
                    <li key={`${problem.field}-${problem.message}`}>
                      <Typography variant="body2" color="error">
                        {describeField(problem.field)}: {problem.message}
                      </Typography>
                    </li>
                  ))}
                </ul>
              </div>
            )}
            <span className={classes.grow} />
            {props.onDelete && props.allowed && (
              <Button color="secondary" onClick={() => setConfirmDelete(true)}>
                Delete policy
              </Button>
            )}
          </div>
        </Grid>
      </Grid>
      {props.onDelete && (
        <Dialog open={confirmDelete} onClose={() => setConfirmDelete(false)}>
          <DialogTitle>Delete {policy?.name}?</DialogTitle>
          <DialogContent>
            <DialogContentText>
              Incidents of the entities it pages for will page nobody until
              another policy is made their team's default. This cannot be
              undone.
            </DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirmDelete(false)}>Keep it</Button>
            <Button
              color="secondary"
              variant="contained"
              onClick={async () => {
                setConfirmDelete(false);
                await props.onDelete?.();
              }}
            >
              Delete
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </form>
  );
}

const CONFLICT_MESSAGE =
  'Someone else changed this escalation policy while you were editing it — reloaded. Your changes were not saved: check the policy as it is now and make them again.';

/**
 * `/firebreak/oncall/policies/new` and `/firebreak/oncall/policies/:id/edit`: the escalation
 * policy form, showing whom each level would page now.
 *
 * @internal
 */
export function EscalationPolicyEditorPage() {
  const { id } = useParams();
  const api = useApi(firebreakApiRef);
  const identityApi = useApi(identityApiRef);
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const policyLink = useRouteRef(escalationPolicyRouteRef);
  const onCallLink = useRouteRef(onCallRouteRef);
  const loaded = useAsyncRetry(async () => {
    const [policy, schedules] = await Promise.all([
      id ? api.getEscalationPolicy(id) : undefined,
      api.listSchedules(),
    ]);
    return { policy, schedules: schedules.items };
  }, [api, id]);
  const policy = loaded.value?.policy;
  const owner = useAsync(async () => {
    const asked = searchParams.get('owner');
    if (asked) {
      return normalizeRef(asked, 'group');
    }
    const identity = await identityApi.getBackstageIdentity();
    return (
      identity.ownershipEntityRefs
        .map(ref => normalizeRef(ref, 'group'))
        .find(ref => ref.startsWith('group:')) ?? ''
    );
  }, [identityApi, searchParams]);
  const { allowed: canUpdate } = usePermission({
    permission: firebreakOnCallUpdatePermission,
    resourceRef: policy ? `escalation-policy:${policy.id}` : undefined,
  });
  const { allowed: canCreate } = usePermission({
    permission: firebreakOnCallCreatePermission,
  });
  const allowed = id ? canUpdate : canCreate;
  const [notice, setNotice] = useState<{
    severity: 'warning' | 'error';
    message: string;
  }>();

  if ((loaded.loading && !loaded.value) || (!id && owner.loading)) {
    return <Progress />;
  }
  if (loaded.error || !loaded.value || (id && !policy)) {
    return (
      <ResponseErrorPanel
        error={loaded.error ?? new Error(`No escalation policy ${id}`)}
      />
    );
  }
  const { schedules } = loaded.value;
  const ownerRef = policy?.ownerRef ?? owner.value ?? '';
  const initial: EscalationPolicyDraft = policy
    ? {
        name: policy.name,
        ownerRef: policy.ownerRef,
        levels: policy.levels,
        repeat: policy.repeat,
        isDefault: policy.isDefault,
      }
    : {
        name: '',
        ownerRef,
        // A sensible start: the owner's schedules on level 1.
        levels: [
          {
            targets: schedules
              .filter(s => normalizeRef(s.ownerRef, 'group') === ownerRef)
              .map(s => ({ type: 'schedule' as const, ref: s.id })),
            ackTimeoutMinutes: 15,
          },
        ],
        repeat: 1,
        isDefault: false,
      };

  const save = async (
    draft: EscalationPolicyDraft,
  ): Promise<ScheduleProblem | undefined> => {
    setNotice(undefined);
    try {
      const saved = policy
        ? await api.updateEscalationPolicy(policy.id, {
            version: policy.version,
            ...draft,
          })
        : await api.createEscalationPolicy(draft);
      navigate(policyLink({ id: saved.id }));
      return undefined;
    } catch (e) {
      const message = describeFailure(e);
      const problem = problemFromMessage(message);
      // A 409 naming a field is a clash (a name taken); without one, a stale version.
      if (policy && isConflict(e) && !problem) {
        setNotice({ severity: 'warning', message: CONFLICT_MESSAGE });
        loaded.retry();
        return undefined;
      }
      if (!problem) {
        setNotice({
          severity: 'error',
          message: `The escalation policy was not saved: ${message}`,
        });
      }
      return problem;
    }
  };

  return (
    <Page themeId="tool">
      <Header
        title={policy ? `Edit ${policy.name}` : 'New escalation policy'}
        type="On-call"
        typeLink={onCallLink()}
      />
      <Content>
        {notice && (
          <Alert
            severity={notice.severity}
            onClose={() => setNotice(undefined)}
            style={{ marginBottom: 24 }}
          >
            {notice.message}
          </Alert>
        )}
        {!allowed && (
          <Alert severity="info" style={{ marginBottom: 24 }}>
            {policy
              ? 'You may look at this form, but not save it: only the team that owns the policy may change it.'
              : 'You may not create escalation policies.'}
          </Alert>
        )}
        <PolicyForm
          key={policy ? `${policy.id}@${policy.version}` : 'new'}
          initial={initial}
          policy={policy}
          schedules={schedules}
          allowed={allowed}
          onSave={save}
          onDelete={
            policy
              ? async () => {
                  try {
                    await api.deleteEscalationPolicy(policy.id);
                    navigate(onCallLink());
                  } catch (e) {
                    setNotice({
                      severity: 'error',
                      message: `The escalation policy was not deleted: ${describeFailure(
                        e,
                      )}`,
                    });
                  }
                }
              : undefined
          }
          cancelLink={policy ? policyLink({ id: policy.id }) : onCallLink()}
        />
      </Content>
    </Page>
  );
}
