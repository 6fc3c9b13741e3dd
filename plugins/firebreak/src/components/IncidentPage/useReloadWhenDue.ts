import { useEffect } from 'react';

/**
 * Reloads the pages once their next escalation is due, for apps without signals: by then the
 * backend has paged the next level.
 *
 * @internal
 */
export function useReloadWhenDue(due: number | undefined, reload: () => void) {
  useEffect(() => {
    if (due === undefined || due < Date.now() - 60_000) {
      return undefined;
    }
    const timer = setTimeout(reload, Math.max(due - Date.now(), 0) + 3000);
    return () => clearTimeout(timer);
  }, [due, reload]);
}
