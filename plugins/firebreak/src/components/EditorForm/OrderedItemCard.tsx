import IconButton from '@material-ui/core/IconButton';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import ArrowDownwardIcon from '@material-ui/icons/ArrowDownward';
import ArrowUpwardIcon from '@material-ui/icons/ArrowUpward';
import DeleteIcon from '@material-ui/icons/Delete';
import { ReactNode } from 'react';

const useStyles = makeStyles(theme => ({
  paper: { padding: theme.spacing(2) },
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(1),
  },
  grow: { flexGrow: 1 },
}));

/**
 * Where an item stands in an ordered list, and how to move or remove it.
 *
 * @internal
 */
export interface OrderedItemProps {
  index: number;
  count: number;
  onMove: (to: number) => void;
  onRemove: () => void;
}

/**
 * One item of an ordered list in an editor, such as a schedule's layer or a policy's level: a
 * card named by its position, with buttons to move it up or down and to remove it.
 *
 * @internal
 */
export function OrderedItemCard(props: {
  /** Such as "Layer 2": the card's heading and accessible name. */
  name: string;
  /** The item's place in the list: the item editor's own props will do. */
  position: OrderedItemProps;
  /** Said next to the heading, such as what the position means. */
  note?: ReactNode;
  /** Tooltips of the buttons, where moving means more than the order. */
  titles?: { up: string; down: string; remove: string };
  children: ReactNode;
}) {
  const { name, titles } = props;
  const { index, count, onMove, onRemove } = props.position;
  const classes = useStyles();
  return (
    <Paper
      variant="outlined"
      className={classes.paper}
      role="group"
      aria-label={name}
    >
      <div className={classes.header}>
        <Typography variant="h6" component="h3">
          {name}
        </Typography>
        {props.note}
        <span className={classes.grow} />
        <IconButton
          size="small"
          aria-label={`Move ${name} up`}
          title={titles?.up}
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
        >
          <ArrowUpwardIcon />
        </IconButton>
        <IconButton
          size="small"
          aria-label={`Move ${name} down`}
          title={titles?.down}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        >
          <ArrowDownwardIcon />
        </IconButton>
        <IconButton
          size="small"
          aria-label={`Remove ${name}`}
          title={titles?.remove}
          onClick={onRemove}
        >
          <DeleteIcon />
        </IconButton>
      </div>
      {props.children}
    </Paper>
  );
}
