import { HeaderTabs, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { followUpsRouteRef, onCallRouteRef, rootRouteRef } from '../../routes';

/**
 * The tabs under the `/firebreak` headers: the incident board, on-call and follow-ups.
 *
 * @internal
 */
export function FirebreakTabs(props: {
  selected: 'incidents' | 'oncall' | 'follow-ups';
}) {
  const rootLink = useRouteRef(rootRouteRef);
  const onCallLink = useRouteRef(onCallRouteRef);
  const followUpsLink = useRouteRef(followUpsRouteRef);
  const tabs = [
    {
      id: 'incidents',
      label: 'Incidents',
      tabProps: { component: Link, to: rootLink() },
    },
    {
      id: 'oncall',
      label: 'On-call schedules',
      tabProps: { component: Link, to: onCallLink() },
    },
    {
      id: 'follow-ups',
      label: 'Follow-ups',
      tabProps: { component: Link, to: followUpsLink() },
    },
  ];
  return (
    <HeaderTabs
      tabs={tabs}
      selectedIndex={tabs.findIndex(tab => tab.id === props.selected)}
    />
  );
}
