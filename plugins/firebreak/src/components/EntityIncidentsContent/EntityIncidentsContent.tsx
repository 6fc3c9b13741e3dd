import { stringifyEntityRef } from '@backstage/catalog-model';
import { Content } from '@backstage/core-components';
import { useEntity } from '@backstage/plugin-catalog-react';
import { IncidentsTable } from '../IncidentsTable';

/**
 * The "Incidents" tab of an entity page: the incident history of that entity.
 *
 * @public
 */
export function EntityIncidentsContent() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity);
  return (
    <Content noPadding>
      <IncidentsTable
        entityRef={entityRef}
        title={`Incidents of ${entity.metadata.title ?? entity.metadata.name}`}
      />
    </Content>
  );
}
