import Chip from '@material-ui/core/Chip';
import { makeStyles } from '@material-ui/core/styles';

const useStyles = makeStyles(theme => ({
  SEV1: {
    backgroundColor: theme.palette.error.main,
    color: theme.palette.error.contrastText,
  },
  SEV2: {
    backgroundColor: theme.palette.warning.main,
    color: theme.palette.warning.contrastText,
  },
  other: {},
}));

/**
 * A severity as a coloured chip: the most severe levels stand out.
 *
 * @public
 */
export function SeverityChip(props: { severity: string }) {
  const classes = useStyles();
  const className =
    props.severity === 'SEV1' || props.severity === 'SEV2'
      ? classes[props.severity]
      : classes.other;
  return <Chip size="small" label={props.severity} className={className} />;
}
