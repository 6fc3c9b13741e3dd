import { Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatInstant } from '../../oncall/formatTimes';
import { TargetOnCall, reachesNobody } from '../../oncall/levelOnCall';
import { scheduleRouteRef } from '../../routes';

const useStyles = makeStyles(theme => ({
  list: { margin: 0, paddingLeft: theme.spacing(2.5) },
  who: { fontWeight: 700 },
  nobody: { color: theme.palette.warning.main, fontWeight: 600 },
}));

/**
 * The targets of one escalation level and whom each reaches now.
 *
 * @internal
 */
export function LevelTargets(props: {
  targets: TargetOnCall[];
  nameOf: (ref: string) => string;
}) {
  const { targets, nameOf } = props;
  const classes = useStyles();
  const scheduleLink = useRouteRef(scheduleRouteRef);
  return (
    <>
      <ul className={classes.list}>
        {targets.map(({ target, schedule, current }) => (
          <li key={`${target.type}:${target.ref}`}>
            <Typography variant="body2" component="span">
              {target.type === 'user' && (
                <>
                  <span className={classes.who}>{nameOf(target.ref)}</span>{' '}
                  (always)
                </>
              )}
              {target.type === 'schedule' && !schedule && (
                <span className={classes.nobody}>
                  A schedule that no longer exists ({target.ref})
                </span>
              )}
              {schedule && (
                <>
                  <Link to={scheduleLink({ id: schedule.id })}>
                    {schedule.name}
                  </Link>
                  :{' '}
                  {current ? (
                    <>
                      <span className={classes.who}>
                        {nameOf(current.userRef)}
                      </span>{' '}
                      until {formatInstant(current.end)}
                    </>
                  ) : (
                    <span className={classes.nobody}>nobody on call now</span>
                  )}
                </>
              )}
            </Typography>
          </li>
        ))}
      </ul>
      {targets.length > 0 && reachesNobody(targets) && (
        <Typography variant="caption" className={classes.nobody}>
          Reaches nobody now: paging skips this level.
        </Typography>
      )}
    </>
  );
}
