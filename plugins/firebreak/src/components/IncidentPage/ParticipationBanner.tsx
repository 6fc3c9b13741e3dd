import {
  COMMANDER_ROLE,
  hasJoinedAsResponder,
  Incident,
} from '@firebreak/backstage-plugin-common';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Alert from '@material-ui/lab/Alert';
import { READ_ONLY_REASON } from './participation';

/**
 * Where a reader becomes a helper: someone who may not change the incident is told why and
 * offered "Join as responder"; someone who joined may leave (the commander hands command over
 * first).
 *
 * @internal
 */
export function ParticipationBanner(props: {
  incident: Incident;
  userRef?: string;
  canUpdate: boolean;
  busy: boolean;
  onJoin: () => void;
  onLeave: () => void;
}) {
  const { incident, userRef, canUpdate, busy } = props;
  if (!userRef) {
    return null;
  }
  const joined = hasJoinedAsResponder(incident, userRef);
  if (joined) {
    const commands =
      incident.roles[COMMANDER_ROLE]?.toLocaleLowerCase('en-US') ===
      userRef.toLocaleLowerCase('en-US');
    const leave = (
      <Button
        color="inherit"
        size="small"
        disabled={busy || commands}
        onClick={props.onLeave}
        aria-describedby={commands ? 'firebreak-leave-reason' : undefined}
      >
        Leave
      </Button>
    );
    return (
      <Alert
        // A standing offer, not an interruption: a status, not an alert.
        role="status"
        severity="success"
        action={
          commands ? (
            <Tooltip title="Hand command to someone else before you leave">
              <span>{leave}</span>
            </Tooltip>
          ) : (
            leave
          )
        }
      >
        You joined {incident.ref} as a responder.
        {commands && (
          <span id="firebreak-leave-reason">
            {' '}
            Hand command to someone else before you leave.
          </span>
        )}
        {!canUpdate && ` ${READ_ONLY_REASON}`}
      </Alert>
    );
  }
  if (canUpdate) {
    return null;
  }
  return (
    <Alert
      role="status"
      severity="info"
      action={
        <Button
          color="inherit"
          size="small"
          variant="outlined"
          disabled={busy}
          onClick={props.onJoin}
        >
          Join as responder
        </Button>
      }
    >
      {READ_ONLY_REASON}
    </Alert>
  );
}
