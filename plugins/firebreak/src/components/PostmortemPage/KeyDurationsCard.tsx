import { InfoCard } from '@backstage/core-components';
import {
  PostmortemKeyDuration,
  PostmortemMilestone,
} from '@firebreak/backstage-plugin-common';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { formatSeconds } from './postmortemWording';

const MILESTONE_LABELS: Record<PostmortemMilestone, string> = {
  impactStarted: 'Impact started',
  detected: 'Detected',
  declared: 'Declared',
  firstPaged: 'First page',
  acknowledged: 'Acknowledged',
  mitigated: 'Mitigated',
  resolved: 'Resolved',
};

/**
 * The key durations of the incident, computed by the backend from its milestones. When the
 * postmortem covers several incidents, they are those of `primaryRef`, and the card says so.
 *
 * @internal
 */
export function KeyDurationsCard(props: {
  keyDurations: PostmortemKeyDuration[];
  /** The postmortem's own incident, named when it covers others too. */
  primaryRef?: string;
}) {
  const { keyDurations, primaryRef } = props;
  return (
    <InfoCard
      title="Key durations"
      subheader={
        primaryRef
          ? `Of ${primaryRef}, the incident this postmortem was started for; the other incidents it covers are not counted.`
          : undefined
      }
    >
      {keyDurations.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No durations yet: they are computed from the incident's milestones
          once it has been declared and resolved.
        </Typography>
      ) : (
        <Table size="small" aria-label="Key durations">
          <TableHead>
            <TableRow>
              <TableCell>Between</TableCell>
              <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                Duration
              </TableCell>
            </TableRow>
          </TableHead>
          <TableBody>
            {keyDurations.map(d => (
              <TableRow key={`${d.from}-${d.to}`}>
                <TableCell>
                  {MILESTONE_LABELS[d.from]} → {MILESTONE_LABELS[d.to]}
                </TableCell>
                <TableCell align="right" style={{ whiteSpace: 'nowrap' }}>
                  {d.seconds === null ? 'unknown' : formatSeconds(d.seconds)}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </InfoCard>
  );
}
