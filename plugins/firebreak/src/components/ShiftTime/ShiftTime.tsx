import { DateTime } from 'luxon';
import { useState } from 'react';
import useInterval from 'react-use/esm/useInterval';
import { formatRelative, formatWhen } from './formatShiftTime';

/**
 * The current time, refreshed every `intervalMs` so relative times and countdowns move.
 *
 * @internal
 */
export function useNow(intervalMs: number): DateTime {
  const [now, setNow] = useState(() => DateTime.now());
  useInterval(() => setNow(DateTime.now()), intervalMs);
  return now;
}

/**
 * An instant in the viewer's zone with how far it is from now: `Mon, Nov 24, 9:00 AM GMT+1
 * (in 2 d 3 h)`. The exact instant is in the tooltip.
 *
 * @internal
 */
export function ShiftTime(props: { at: string; now: DateTime }) {
  const { at, now } = props;
  return (
    <time dateTime={at} title={DateTime.fromISO(at).toISO() ?? at}>
      {formatWhen(at, now)} ({formatRelative(at, now)})
    </time>
  );
}
