import { Content, Header, Page } from '@backstage/core-components';
import { IncidentsTable } from '../IncidentsTable';

/**
 * The `/firebreak` page: incidents across the organisation.
 *
 * @public
 */
export function FirebreakPage() {
  return (
    <Page themeId="tool">
      <Header
        title="Incidents"
        subtitle="Every incident across the organisation, newest first"
      />
      <Content>
        <IncidentsTable title="All incidents" />
      </Content>
    </Page>
  );
}
