import { useSignal } from '@backstage/plugin-signals-react';
import {
  FIREBREAK_INCIDENTS_SIGNAL_CHANNEL,
  FirebreakIncidentSignal,
} from '@firebreak/backstage-plugin-common';
import { useEffect, useRef, useState } from 'react';

/**
 * How long lists wait at least between two reloads: a burst of changes (a response play adding
 * responders, a script closing twenty incidents) reloads once or twice, not twenty times.
 */
const MIN_RELOAD_INTERVAL_MS = 1000;

/**
 * Counts the incident changes the backend has announced since the component mounted, at most one
 * per second: put the count in a list's dependencies and it reloads when incidents change.
 * Stays at 0 when the app has no signals.
 *
 * @internal
 */
export function useIncidentChanges(): number {
  const { lastSignal } = useSignal<FirebreakIncidentSignal>(
    FIREBREAK_INCIDENTS_SIGNAL_CHANNEL,
  );
  const [changes, setChanges] = useState(0);
  const lastCount = useRef(0);
  const pending = useRef<ReturnType<typeof setTimeout>>();

  useEffect(() => {
    if (!lastSignal || pending.current) {
      return;
    }
    const count = () => {
      pending.current = undefined;
      lastCount.current = Date.now();
      setChanges(previous => previous + 1);
    };
    const wait = lastCount.current + MIN_RELOAD_INTERVAL_MS - Date.now();
    if (wait <= 0) {
      count();
    } else {
      pending.current = setTimeout(count, wait);
    }
  }, [lastSignal]);

  useEffect(() => () => clearTimeout(pending.current), []);

  return changes;
}
