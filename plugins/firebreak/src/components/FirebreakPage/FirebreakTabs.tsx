import { HeaderTabs, Link } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import { onCallRouteRef, rootRouteRef } from '../../routes';

/**
 * The tabs under the `/firebreak` headers: the incident board and on-call.
 *
 * @internal
 */
export function FirebreakTabs(props: { selected: 'incidents' | 'oncall' }) {
  const rootLink = useRouteRef(rootRouteRef);
  const onCallLink = useRouteRef(onCallRouteRef);
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
  ];
  return (
    <HeaderTabs
      tabs={tabs}
      selectedIndex={tabs.findIndex(tab => tab.id === props.selected)}
    />
  );
}
