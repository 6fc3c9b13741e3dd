import { HeaderLabel } from '@backstage/core-components';
import { useRouteRef } from '@backstage/core-plugin-api';
import {
  entityRouteParams,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { usePersonNames } from './usePersonNames';

/**
 * The owning team in a page header, named as the catalog names it and linking to its page;
 * readable on the header's background, where an entity link's colour is not.
 *
 * @internal
 */
export function OwnerHeaderLabel(props: { ownerRef: string }) {
  const entityLink = useRouteRef(entityRouteRef);
  const nameOf = usePersonNames([props.ownerRef]);
  return (
    <HeaderLabel
      label="Owner"
      value={nameOf(props.ownerRef)}
      url={entityLink(entityRouteParams(props.ownerRef))}
    />
  );
}
