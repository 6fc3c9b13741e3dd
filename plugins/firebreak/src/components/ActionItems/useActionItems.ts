import { useApi } from '@backstage/core-plugin-api';
import { useSignal } from '@backstage/plugin-signals-react';
import { FIREBREAK_ACTION_ITEMS_SIGNAL_CHANNEL } from '@firebreak/backstage-plugin-common';
import { useCallback, useEffect, useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { firebreakApiRef, ListActionItemsRequest } from '../../api';

/**
 * Action items for a filter, loaded again after a change here or, announced by a signal,
 * anywhere else. `skip` waits (for the signed-in user's ref, say).
 *
 * @internal
 */
export function useActionItems(
  filter: ListActionItemsRequest,
  options: { skip?: boolean } = {},
) {
  const api = useApi(firebreakApiRef);
  const [changes, setChanges] = useState(0);
  const reload = useCallback(() => setChanges(count => count + 1), []);
  const { lastSignal } = useSignal(FIREBREAK_ACTION_ITEMS_SIGNAL_CHANNEL);
  useEffect(() => {
    if (lastSignal) reload();
  }, [lastSignal, reload]);
  const key = JSON.stringify(filter);
  const state = useAsync(async () => {
    if (options.skip) return undefined;
    return api.listActionItems(JSON.parse(key));
  }, [api, key, changes, options.skip]);
  return { ...state, reload };
}
