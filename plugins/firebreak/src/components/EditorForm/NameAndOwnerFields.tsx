import Grid from '@material-ui/core/Grid';
import TextField from '@material-ui/core/TextField';
import { FieldProblems } from '../../oncall/problems';
import { GroupPicker } from '../CatalogEntityPicker';
import { OwnerAccess } from './useOwnerAccess';

/**
 * The name and owner team of a schedule or policy, as two cells of the form's grid; each shows
 * its problem in place of its hint.
 *
 * @internal
 */
export function NameAndOwnerFields(props: {
  /** Prefix of the fields' ids, such as `firebreak-schedule`. */
  idPrefix: string;
  form: {
    /** `ownerRef` is a group ref, or '' for none yet. */
    draft: { name: string; ownerRef: string };
    update: (changes: { name?: string; ownerRef?: string }) => void;
    problems: FieldProblems;
    showProblems: boolean;
  };
  nameHint: string;
  ownerHint: string;
  /** Whether the viewer may give the chosen team this item; the field says why not. */
  ownerAccess?: OwnerAccess;
}) {
  const { idPrefix } = props;
  const { draft, update, problems, showProblems } = props.form;
  const problemAt = (field: string) =>
    showProblems ? problems.at(field) : undefined;
  const ownerProblem = problemAt('ownerRef') || props.ownerAccess?.reason;
  return (
    <>
      <Grid item xs={12} md={4}>
        <TextField
          id={`${idPrefix}-name`}
          label="Name"
          value={draft.name}
          onChange={e => update({ name: e.target.value })}
          error={!!problemAt('name')}
          helperText={problemAt('name') || props.nameHint}
          fullWidth
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <GroupPicker
          id={`${idPrefix}-owner`}
          label="Owner team"
          value={draft.ownerRef || undefined}
          onChange={ownerRef => update({ ownerRef })}
          error={!!ownerProblem}
          helperText={ownerProblem || props.ownerHint}
        />
      </Grid>
    </>
  );
}
