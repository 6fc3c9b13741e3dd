import { identityApiRef, useApi } from '@backstage/core-plugin-api';
import { useSearchParams } from 'react-router-dom';
import useAsync from 'react-use/esm/useAsync';
import { normalizeRef } from '../../oncall/usePersonNames';

/**
 * The team a new schedule or policy belongs to: the one the address asks for (`?owner=`),
 * else the viewer's first team, else '' (the form then asks for one).
 *
 * @internal
 */
export function useNewOwnerRef() {
  const identityApi = useApi(identityApiRef);
  const [searchParams] = useSearchParams();
  return useAsync(async () => {
    const asked = searchParams.get('owner');
    if (asked) {
      return normalizeRef(asked, 'group');
    }
    const identity = await identityApi.getBackstageIdentity();
    return (
      identity.ownershipEntityRefs
        .map(ref => normalizeRef(ref, 'group'))
        .find(ref => ref.startsWith('group:')) ?? ''
    );
  }, [identityApi, searchParams]);
}
