import { InfoCard } from '@backstage/core-components';
import {
  Incident,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import { FirebreakSettingsResponse } from '../../api';
import { IncidentTimesLine } from './IncidentTimesLine';
import { READ_ONLY_REASON } from './participation';
import { SeverityControl } from './SeverityControl';
import { StatusControl } from './StatusControl';

function nameOf(
  levels: readonly { id: string; name: string }[] | undefined,
  id: string,
): string {
  return (levels?.find(l => l.id === id)?.name ?? id).toLocaleLowerCase(
    'en-US',
  );
}

/**
 * Where an incident stands: its severity and status (changeable by those who may), its
 * priority and why, when its impact started and was detected, its summary and its links.
 *
 * @internal
 */
export function StatusCard(props: {
  incident: Incident;
  /** Until they load, or when they cannot be read, only the incident's own values show. */
  settings?: FirebreakSettingsResponse;
  canUpdate: boolean;
  /** Why the last change of status was refused (such as a required postmortem). */
  statusProblem?: string;
  /** `basedOn`, when given, is the incident a dialog opened on, whose version the change is made against. */
  onChange: (
    request: Omit<UpdateIncidentRequest, 'version'>,
    basedOn?: Incident,
  ) => void | Promise<void>;
}) {
  const { incident, settings, canUpdate, onChange } = props;
  return (
    <InfoCard title="Status">
      <Grid container spacing={3}>
        <Grid item xs={12} sm={6}>
          <SeverityControl
            incident={incident}
            levels={settings?.severities ?? []}
            disabled={!canUpdate}
            onChange={severity => onChange({ severity })}
          />
        </Grid>
        <Grid item xs={12} sm={6}>
          <StatusControl
            incident={incident}
            disabled={!canUpdate}
            problem={props.statusProblem}
            onChange={status => onChange({ status })}
          />
        </Grid>
        {!canUpdate && (
          <Grid item xs={12}>
            <Typography variant="body2" color="textSecondary">
              {READ_ONLY_REASON}
            </Typography>
          </Grid>
        )}
        <Grid item xs={12}>
          <Typography variant="body2">
            Priority <strong>{incident.priority}</strong>: impact{' '}
            {nameOf(settings?.priority.impacts, incident.impact)} × urgency{' '}
            {nameOf(settings?.priority.urgencies, incident.urgency)}
          </Typography>
        </Grid>
        <Grid item xs={12}>
          <IncidentTimesLine
            incident={incident}
            canUpdate={canUpdate}
            onChange={onChange}
          />
        </Grid>
        {incident.summary && (
          <Grid item xs={12}>
            <Typography variant="body1">{incident.summary}</Typography>
          </Grid>
        )}
        {incident.links.length > 0 && (
          <Grid item xs={12}>
            {incident.links.map(link => (
              <Typography key={link.url} variant="body2">
                <a href={link.url} target="_blank" rel="noopener">
                  {link.title}
                </a>
              </Typography>
            ))}
          </Grid>
        )}
      </Grid>
    </InfoCard>
  );
}
