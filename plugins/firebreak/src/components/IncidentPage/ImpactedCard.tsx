import { parseEntityRef } from '@backstage/catalog-model';
import { InfoCard } from '@backstage/core-components';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Incident } from '@firebreak/backstage-plugin-common';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';

/**
 * The catalog entities an incident impacts, each linked, with its kind.
 *
 * @internal
 */
export function ImpactedCard(props: { incident: Incident }) {
  return (
    <InfoCard title="Impacted">
      <List dense disablePadding>
        {props.incident.entityRefs.map(entityRef => (
          <ListItem key={entityRef} disableGutters>
            <ListItemText
              primary={<EntityRefLink entityRef={entityRef} />}
              secondary={parseEntityRef(entityRef).kind}
            />
          </ListItem>
        ))}
      </List>
    </InfoCard>
  );
}
