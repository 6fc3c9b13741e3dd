import { LinkButton } from '@backstage/core-components';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogContentText from '@material-ui/core/DialogContentText';
import DialogTitle from '@material-ui/core/DialogTitle';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { useState } from 'react';
import { describeField } from './describeField';
import { DraftForm } from './useDraftForm';
import { EditorPage } from './useEditorPage';
import { OwnerAccess } from './useOwnerAccess';

const useStyles = makeStyles(theme => ({
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
  },
  grow: { flexGrow: 1 },
  summary: { margin: 0, paddingLeft: theme.spacing(2.5) },
}));

/** How many problems the footer lists; the rest show at their fields. */
const LISTED_PROBLEMS = 6;

/**
 * The foot of an on-call editor's form: Save (off while saving, not allowed — for the item or
 * for the team it goes to — or with problems, which it lists), Cancel, and Delete behind a
 * confirmation.
 *
 * @internal
 */
export function EditorFooter<Draft>(props: {
  /** What the page decided for the form; Delete shows where its actions can delete. */
  page: EditorPage<Draft>;
  /** The form's state: a save under way, and what keeps it from saving. */
  form: Pick<DraftForm<Draft>, 'busy' | 'problems'>;
  /** Whether the viewer may give the chosen owner team this item. */
  ownerAccess?: OwnerAccess;
}) {
  const { item, wording, allowed, cancelLink, actions } = props.page;
  const { busy, problems } = props.form;
  const ownerAccess = props.ownerAccess ?? { allowed: true };
  const onDelete = actions.onDelete;
  const classes = useStyles();
  const [confirming, setConfirming] = useState(false);

  return (
    <div className={classes.footer}>
      <Button
        type="submit"
        variant="contained"
        color="primary"
        disabled={
          !allowed || !ownerAccess.allowed || busy || problems.all.length > 0
        }
      >
        {item ? 'Save' : wording.createLabel}
      </Button>
      <LinkButton to={cancelLink}>Cancel</LinkButton>
      {!allowed && (
        <Typography variant="body2" color="textSecondary">
          {wording.mayNotUpdate.beside}
        </Typography>
      )}
      {allowed && ownerAccess.reason && (
        <Typography variant="body2" color="textSecondary">
          {ownerAccess.reason}
        </Typography>
      )}
      {problems.all.length > 0 && (
        <div role="status" aria-label="What keeps this from saving">
          <Typography variant="body2">
            To save, fix {problems.all.length === 1 ? 'this' : 'these'}:
          </Typography>
          <ul className={classes.summary}>
            {problems.all.slice(0, LISTED_PROBLEMS).map(problem => (
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
      {onDelete && allowed && (
        <Button color="secondary" onClick={() => setConfirming(true)}>
          {wording.deleteLabel}
        </Button>
      )}
      {onDelete && (
        <Dialog
          open={confirming}
          onClose={() => setConfirming(false)}
          aria-labelledby="firebreak-delete-title"
        >
          <DialogTitle id="firebreak-delete-title">
            Delete {item?.name}?
          </DialogTitle>
          <DialogContent>
            <DialogContentText>{wording.deleteWarning}</DialogContentText>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setConfirming(false)}>Keep it</Button>
            <Button
              color="secondary"
              variant="contained"
              onClick={async () => {
                setConfirming(false);
                await onDelete();
              }}
            >
              Delete
            </Button>
          </DialogActions>
        </Dialog>
      )}
    </div>
  );
}
