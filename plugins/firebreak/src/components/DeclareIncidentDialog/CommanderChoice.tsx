import { useApi } from '@backstage/core-plugin-api';
import { EntityDisplayName } from '@backstage/plugin-catalog-react';
import { chooseCommander } from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef } from '../../api';

const useStyles = makeStyles(theme => ({
  row: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: theme.spacing(1),
  },
}));

/**
 * Who the declare would page first: the first impacted entity, in order, whose escalation
 * policy has someone on call at some level — as the backend's paging plan picks it.
 */
function useFirstPaged(entityRefs: string[]) {
  const api = useApi(firebreakApiRef);
  const key = entityRefs.join('\n');
  return useAsync(async () => {
    const refs = key.split('\n').filter(Boolean);
    const answers = await Promise.all(refs.map(ref => api.getOnCall(ref)));
    for (const answer of answers) {
      const level = answer.levels.find(l => l.users.length > 0);
      if (level) {
        return {
          userRef: level.users[0].userRef,
          teamRef: answer.policy?.ownerRef,
        };
      }
    }
    return undefined;
  }, [api, key]);
}

/**
 * The commander of the incident about to be declared, told truthfully before submit with the
 * rule the backend applies (`chooseCommander`): the first person paged, else you; and the one
 * choice a person has — take command yourself, or leave it to the default.
 *
 * @internal
 */
export function CommanderChoice(props: {
  entityRefs: string[];
  takeCommand: boolean;
  onTakeCommandChange: (takeCommand: boolean) => void;
  /** The signed-in person, once known. */
  userRef?: string;
}) {
  const { entityRefs, takeCommand, onTakeCommandChange, userRef: me } = props;
  const classes = useStyles();
  const firstPaged = useFirstPaged(entityRefs);

  if (!me || firstPaged.loading) {
    return (
      <Typography variant="body2" color="textSecondary">
        Commander: finding who is on call…
      </Typography>
    );
  }
  const choice = chooseCommander({
    requested: takeCommand ? me : undefined,
    declarer: { type: 'user', userRef: me },
    firstPaged: firstPaged.value?.userRef,
  });
  const teamRef = firstPaged.value?.teamRef;

  let text;
  if (choice.reason === 'first_paged') {
    text = (
      <>
        Commander: the first person paged —{' '}
        <strong>
          <EntityDisplayName
            entityRef={choice.commanderRef}
            defaultKind="user"
            hideIcon
            disableTooltip
          />
        </strong>
        {teamRef && (
          <>
            {' '}
            (
            <EntityDisplayName
              entityRef={teamRef}
              defaultKind="group"
              hideIcon
              disableTooltip
            />
            )
          </>
        )}
      </>
    );
  } else if (firstPaged.value) {
    text = <>Commander: you, instead of the first person paged</>;
  } else {
    text = (
      <>
        Commander: you (nobody is on call for{' '}
        {entityRefs.length > 0 ? (
          <EntityDisplayName
            entityRef={entityRefs[0]}
            hideIcon
            disableTooltip
          />
        ) : (
          'the impacted entities'
        )}
        )
      </>
    );
  }

  return (
    <div className={classes.row}>
      <Typography variant="body2" id="firebreak-declare-commander">
        {text}
      </Typography>
      {firstPaged.value && (
        <Button
          size="small"
          variant="outlined"
          aria-pressed={takeCommand}
          onClick={() => onTakeCommandChange(!takeCommand)}
        >
          {takeCommand
            ? 'Leave it to the first person paged'
            : 'Take command yourself'}
        </Button>
      )}
    </div>
  );
}
