import {
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi, useRouteRef } from '@backstage/core-plugin-api';
import {
  EscalationLevel,
  MAX_ESCALATION_LEVELS,
  MAX_ESCALATION_REPEAT,
  Schedule,
  ScheduleProblem,
  findEscalationPolicyProblems,
} from '@firebreak/backstage-plugin-common';
import Checkbox from '@material-ui/core/Checkbox';
import FormControlLabel from '@material-ui/core/FormControlLabel';
import FormHelperText from '@material-ui/core/FormHelperText';
import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import { useParams } from 'react-router-dom';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { firebreakApiRef } from '../../api';
import { levelOnCall, schedulesById } from '../../oncall/levelOnCall';
import { useNow } from '../../oncall/useNow';
import { normalizeRef, usePersonNames } from '../../oncall/usePersonNames';
import { escalationPolicyRouteRef } from '../../routes';
import {
  EditorFooter,
  EditorPage,
  EditorPageLayout,
  EditorWording,
  NameAndOwnerFields,
  OrderedItemList,
  useDraftForm,
  useEditorPage,
  useOwnerAccess,
  useNewOwnerRef,
} from '../EditorForm';
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
  page: EditorPage<EscalationPolicyDraft>;
  initial: EscalationPolicyDraft;
  schedules: Schedule[];
}) {
  const { page, schedules } = props;
  const now = useNow();
  const byId = schedulesById(schedules);
  const form = useDraftForm({
    page,
    initial: props.initial,
    findProblems: d => findPolicyDraftProblems(d, byId),
    clean: d => ({ ...d, name: d.name.trim() }),
  });
  const { draft, update, problems, showProblems, submit } = form;
  const onCallNow = draft.levels.map(level => levelOnCall(level, byId, now));
  const ownerAccess = useOwnerAccess({
    item: page.item && props.initial,
    ownerRef: draft.ownerRef,
    isDefault: draft.isDefault,
  });
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

  return (
    <form onSubmit={submit}>
      <Grid container spacing={3}>
        <Grid item xs={12}>
          <InfoCard title="Escalation policy">
            <Grid container spacing={2}>
              <NameAndOwnerFields
                idPrefix="firebreak-policy"
                form={form}
                nameHint='Unique across teams, such as "Payments default"'
                ownerHint="Its members may change the policy"
                ownerAccess={ownerAccess}
              />
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
          <OrderedItemList
            items={draft.levels}
            onChange={levels => update({ levels })}
            renderItem={(level, place) => (
              <LevelEditor
                {...place}
                level={level}
                schedules={schedules}
                onCallNow={onCallNow[place.index]}
                problems={problems}
                showProblems={showProblems}
                nameOf={nameOf}
                scheduleNameOf={scheduleNameOf}
              />
            )}
            addLabel="Add a level"
            newItem={() => ({ targets: [], ackTimeoutMinutes: 15 })}
            addDisabled={draft.levels.length >= MAX_ESCALATION_LEVELS}
          />
        </Grid>
        <Grid item xs={12}>
          <EditorFooter page={page} form={form} ownerAccess={ownerAccess} />
        </Grid>
      </Grid>
    </form>
  );
}

const WORDING: EditorWording = {
  noun: 'escalation policy',
  newTitle: 'New escalation policy',
  createLabel: 'Create policy',
  deleteLabel: 'Delete policy',
  deleteWarning:
    "Incidents of the entities it pages for will page nobody until another policy is made their team's default. This cannot be undone.",
  conflict:
    'Someone else changed this escalation policy while you were editing it — reloaded. Your changes were not saved: check the policy as it is now and make them again.',
  mayNotUpdate: {
    notice:
      'You may look at this form, but not save it: only the team that owns the policy may change it.',
    beside: 'Only the team that owns this policy may save it.',
  },
};

/**
 * `/firebreak/oncall/policies/new` and `/firebreak/oncall/policies/:id/edit`: the escalation
 * policy form, showing whom each level would page now.
 *
 * @internal
 */
export function EscalationPolicyEditorPage() {
  const { id } = useParams();
  const api = useApi(firebreakApiRef);
  const policyLink = useRouteRef(escalationPolicyRouteRef);
  const loaded = useAsyncRetry(async () => {
    const [policy, schedules] = await Promise.all([
      id ? api.getEscalationPolicy(id) : undefined,
      api.listSchedules(),
    ]);
    return { policy, schedules: schedules.items };
  }, [api, id]);
  const policy = loaded.value?.policy;
  const owner = useNewOwnerRef();
  const page = useEditorPage<EscalationPolicyDraft>({
    wording: WORDING,
    resourceType: 'escalation-policy',
    item: policy,
    backend: {
      create: draft => api.createEscalationPolicy(draft),
      update: (policyId, request) =>
        api.updateEscalationPolicy(policyId, request),
      remove: policyId => api.deleteEscalationPolicy(policyId),
    },
    reload: loaded.retry,
    itemLink: policyId => policyLink({ id: policyId }),
  });

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

  return (
    <EditorPageLayout page={page}>
      <PolicyForm
        // A reloaded policy (after a conflict) starts the form again from what it is now.
        key={page.formKey}
        page={page}
        initial={initial}
        schedules={schedules}
      />
    </EditorPageLayout>
  );
}
