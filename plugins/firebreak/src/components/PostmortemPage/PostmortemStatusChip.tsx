import { PostmortemStatus } from '@firebreak/backstage-plugin-common';
import Chip from '@material-ui/core/Chip';
import { POSTMORTEM_STATUS_LABELS } from './postmortemWording';

/**
 * A postmortem's status as a small chip.
 *
 * @internal
 */
export function PostmortemStatusChip(props: { status: PostmortemStatus }) {
  const { status } = props;
  return (
    <Chip
      size="small"
      label={POSTMORTEM_STATUS_LABELS[status]}
      color={status === 'published' ? 'primary' : 'default'}
      variant={status === 'draft' ? 'outlined' : 'default'}
    />
  );
}
