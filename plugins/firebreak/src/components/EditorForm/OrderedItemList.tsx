import Button from '@material-ui/core/Button';
import { makeStyles } from '@material-ui/core/styles';
import AddIcon from '@material-ui/icons/Add';
import { Fragment, ReactNode } from 'react';
import { OrderedItemProps } from './OrderedItemCard';

const useStyles = makeStyles(theme => ({
  items: { display: 'flex', flexDirection: 'column', gap: theme.spacing(2) },
}));

/**
 * The items with the one at `from` moved to `to`.
 *
 * @internal
 */
export function moveItem<T>(items: T[], from: number, to: number): T[] {
  const moved = [...items];
  const [item] = moved.splice(from, 1);
  moved.splice(to, 0, item);
  return moved;
}

/**
 * An ordered list of items an editor edits one card each, such as a schedule's layers or a
 * policy's levels: each can be changed, moved and removed, and a button adds one at the end.
 *
 * @internal
 */
export function OrderedItemList<T>(props: {
  items: T[];
  onChange: (items: T[]) => void;
  /** The editor of one item, given its place in the list and how to change it. */
  renderItem: (
    item: T,
    place: OrderedItemProps & { onChange: (item: T) => void },
  ) => ReactNode;
  addLabel: string;
  /** The item the add button adds. */
  newItem: () => T;
  /** Such as when the list is as long as it may be. */
  addDisabled?: boolean;
}) {
  const { items, onChange } = props;
  const classes = useStyles();
  return (
    <>
      <div className={classes.items}>
        {items.map((item, index) => (
          // Items have no id; the position is what the user sees too.
          <Fragment key={index}>
            {props.renderItem(item, {
              index,
              count: items.length,
              onChange: changed =>
                onChange(items.map((old, i) => (i === index ? changed : old))),
              onMove: to => onChange(moveItem(items, index, to)),
              onRemove: () => onChange(items.filter((_old, i) => i !== index)),
            })}
          </Fragment>
        ))}
      </div>
      <Button
        color="primary"
        startIcon={<AddIcon />}
        style={{ marginTop: 16 }}
        disabled={props.addDisabled}
        onClick={() => onChange([...items, props.newItem()])}
      >
        {props.addLabel}
      </Button>
    </>
  );
}
