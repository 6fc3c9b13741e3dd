import { Incident } from '@firebreak/backstage-plugin-common';
import { FollowUpsCard } from './FollowUpsCard';

/**
 * "Follow-ups" on an incident's page: its action items, and "Add action item".
 *
 * @internal
 */
export function IncidentFollowUpsCard(props: { incident: Incident }) {
  const { incident } = props;
  return (
    <FollowUpsCard
      title="Follow-ups"
      subheader="What the team will do so this does not happen again"
      filter={{ incidentRef: incident.id }}
      incident={{ id: incident.id, ref: incident.ref }}
      hideIncident
      emptyMessage="No action items yet. Add one for each thing that should change after this incident."
    />
  );
}
