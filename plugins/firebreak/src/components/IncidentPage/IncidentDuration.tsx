import { Incident, isActiveStatus } from '@firebreak/backstage-plugin-common';
import { useEffect, useState } from 'react';

/**
 * A length of time as a responder reads it at a glance: the two largest units.
 *
 * @internal
 */
export function formatDuration(milliseconds: number): string {
  const seconds = Math.max(0, Math.floor(milliseconds / 1000));
  const days = Math.floor(seconds / 86_400);
  const hours = Math.floor((seconds % 86_400) / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  if (hours > 0) return `${hours} h ${minutes} min`;
  if (minutes > 0) return `${minutes} min ${seconds % 60} s`;
  return `${seconds} s`;
}

/**
 * When an incident stopped needing responders, if it has: resolved, or closed or declined
 * without having been resolved.
 *
 * @internal
 */
export function incidentEnd(incident: Incident): string | undefined {
  if (isActiveStatus(incident.status)) {
    return undefined;
  }
  return incident.resolvedAt ?? incident.closedAt ?? incident.updatedAt;
}

/**
 * How long an incident has been open, counted from its declaration: ticking while it is
 * open, fixed from declared to resolved once it is over.
 *
 * @internal
 */
export function IncidentDuration(props: { incident: Incident }) {
  const end = incidentEnd(props.incident);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (end) {
      return undefined;
    }
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [end]);
  const from = Date.parse(props.incident.declaredAt);
  const to = end ? Date.parse(end) : now;
  return <span>{formatDuration(to - from)}</span>;
}
