import { useSignal } from '@backstage/plugin-signals-react';
import { useEffect, useRef } from 'react';

/**
 * Reloads the page when someone else changes the incident or posts to its timeline.
 *
 * @internal
 */
export function LiveRefresh(props: {
  incidentId: string;
  onChange: () => void;
}) {
  const { lastSignal } = useSignal(`firebreak:incident:${props.incidentId}`);
  // Once per message: the callback changes with every load, the message does not.
  const onChange = useRef(props.onChange);
  onChange.current = props.onChange;
  useEffect(() => {
    if (lastSignal) {
      onChange.current();
    }
  }, [lastSignal]);
  return null;
}
