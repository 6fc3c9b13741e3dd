import { Header, HeaderLabel } from '@backstage/core-components';
import { Incident, OnCallPage } from '@firebreak/backstage-plugin-common';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import { formatSpan } from '../ShiftTime';
import { formatIncidentInstant } from './formatIncidentInstant';
import { IncidentDuration, incidentEnd } from './IncidentDuration';
import { firstAcknowledgement } from './paging';
import { Person } from './People';

const useStyles = makeStyles(theme => ({
  // As the header styles a plain-text subtitle, which this one cannot be: it names people.
  subtitle: {
    color: theme.page.fontColor,
    opacity: 0.8,
    display: 'inline-block',
    marginTop: theme.spacing(1),
  },
}));

/**
 * An incident's page header: its ref and title, who declared it and when, and its severity,
 * status, when it was detected, duration and acknowledgement at a glance.
 *
 * @internal
 */
export function IncidentHeader(props: {
  incident: Incident;
  /** The incident's pages, when they could be read. */
  pages: OnCallPage[];
}) {
  const { incident, pages } = props;
  const classes = useStyles();
  const startedEarlier =
    Date.parse(incident.startedAt) < Date.parse(incident.declaredAt);
  const anyActivePage = pages.some(p => p.status === 'active');
  const acknowledgement = firstAcknowledgement(pages);
  return (
    <Header
      title={`${incident.ref} ${incident.title}`}
      subtitle={
        <Typography
          variant="subtitle2"
          component="span"
          className={classes.subtitle}
        >
          Declared {formatIncidentInstant(incident.declaredAt)} by{' '}
          <Person userRef={incident.reporterRef} />
          {startedEarlier &&
            ` · started ${formatIncidentInstant(incident.startedAt)}`}
        </Typography>
      }
    >
      <HeaderLabel label="Severity" value={incident.severity} />
      <HeaderLabel label="Status" value={incident.status} />
      {incident.detectedAt && (
        <HeaderLabel
          label="Detected"
          value={formatIncidentInstant(incident.detectedAt)}
        />
      )}
      <HeaderLabel
        label={incidentEnd(incident) ? 'Lasted' : 'Open for'}
        value={<IncidentDuration incident={incident} />}
      />
      {incident.acknowledgedAt ? (
        <HeaderLabel
          label="Acknowledged"
          value={
            <>
              {acknowledgement && (
                <>
                  by <Person userRef={acknowledgement.by} />{' '}
                </>
              )}
              after{' '}
              {formatSpan(
                Date.parse(incident.acknowledgedAt) -
                  Date.parse(incident.declaredAt),
              )}
            </>
          }
        />
      ) : (
        anyActivePage && (
          <HeaderLabel label="Acknowledged" value="not yet — paging" />
        )
      )}
    </Header>
  );
}
