import { MarkdownContent } from '@backstage/core-components';
import { ActionItem } from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useState } from 'react';
import { TYPE_LABELS } from './format';

/**
 * An action item's title cell: the title, its priority, kind and incident, why it will not be done,
 * and its Markdown description behind "Details" (rendered by Backstage's sanitising
 * `MarkdownContent`).
 *
 * @internal
 */
export function ItemTitle(props: {
  item: ActionItem;
  /** The incident it comes from, as a link, where the page is not the incident's own. */
  incident?: ReactNode;
}) {
  const { item, incident } = props;
  const [open, setOpen] = useState(false);
  const description = item.description.trim();
  const detailsId = `firebreak-action-item-details-${item.id}`;
  return (
    <>
      {item.title}
      <Typography variant="caption" color="textSecondary" display="block">
        {item.priority} · {TYPE_LABELS[item.type]}
        {incident && <> · {incident}</>}
        {description && (
          <>
            {' · '}
            <Button
              size="small"
              color="primary"
              aria-expanded={open}
              aria-controls={detailsId}
              aria-label={`${open ? 'Hide' : 'Show'} details of ${item.title}`}
              onClick={() => setOpen(!open)}
              style={{ padding: 0, minWidth: 0, textTransform: 'none' }}
            >
              {open ? 'Hide details' : 'Details'}
            </Button>
          </>
        )}
      </Typography>
      {item.status === 'wont_do' && item.wontDoReason && (
        <Typography variant="caption" color="textSecondary" display="block">
          Won’t do: {item.wontDoReason}
        </Typography>
      )}
      {open && description && (
        <Box id={detailsId} mt={1}>
          <MarkdownContent content={description} />
        </Box>
      )}
    </>
  );
}
