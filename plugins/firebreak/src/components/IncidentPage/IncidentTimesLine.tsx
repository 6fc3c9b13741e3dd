import {
  Incident,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Typography from '@material-ui/core/Typography';
import { useState } from 'react';
import { IncidentTimesDialog } from '../IncidentTimes';
import { formatIncidentInstant } from './formatIncidentInstant';

/**
 * When the incident's impact started and was detected — the times its postmortem measures time
 * to detect from — with "Edit times" for those who may change the incident.
 *
 * @internal
 */
export function IncidentTimesLine(props: {
  incident: Incident;
  canUpdate: boolean;
  /** `basedOn` is the incident as the dialog opened on it, whose version the change is made against. */
  onChange: (
    request: Omit<UpdateIncidentRequest, 'version'>,
    basedOn: Incident,
  ) => void | Promise<void>;
}) {
  const { incident, canUpdate, onChange } = props;
  // What the dialog edits: the incident as it was when opened, so that a change someone else
  // makes meanwhile is refused as stale rather than silently overwritten.
  const [editing, setEditing] = useState<Incident>();
  return (
    <Box display="flex" alignItems="center" flexWrap="wrap">
      <Typography variant="body2">
        Impact started {formatIncidentInstant(incident.startedAt)} · detected{' '}
        {incident.detectedAt
          ? formatIncidentInstant(incident.detectedAt)
          : 'not recorded'}
      </Typography>
      {canUpdate && (
        <Box ml={1}>
          <Button size="small" onClick={() => setEditing(incident)}>
            Edit times
          </Button>
        </Box>
      )}
      <IncidentTimesDialog
        open={!!editing}
        incident={editing ?? incident}
        onClose={() => setEditing(undefined)}
        onSave={changes => onChange(changes, editing ?? incident)}
      />
    </Box>
  );
}
