import { stringifyEntityRef } from '@backstage/catalog-model';
import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';

/**
 * Whether the page's entity is the signed-in person, for cards shown only on one's own profile
 * page. False until the identity is known.
 *
 * @internal
 */
export function useIsOwnProfile(): boolean {
  const { entity } = useEntity();
  const identityApi = useApi(identityApiRef);
  const identity = useAsync(
    () => identityApi.getBackstageIdentity(),
    [identityApi],
  );
  return (
    identity.value?.userEntityRef.toLocaleLowerCase('en-US') ===
    stringifyEntityRef(entity).toLocaleLowerCase('en-US')
  );
}
