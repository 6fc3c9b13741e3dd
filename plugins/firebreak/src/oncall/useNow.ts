import { useEffect, useState } from 'react';

/**
 * The current time, renewed every `intervalMs` (default a minute) so "now" markers and "until"
 * texts move on while a page stays open.
 *
 * @internal
 */
export function useNow(intervalMs: number = 60_000): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(timer);
  }, [intervalMs]);
  return now;
}
