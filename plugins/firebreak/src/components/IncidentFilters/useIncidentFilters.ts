import {
  IncidentStatus,
  isIncidentStatus,
} from '@firebreak/backstage-plugin-common';
import { DateTime } from 'luxon';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ListIncidentsRequest } from '../../api';

/**
 * The filters of an incident history as people set them: dates are calendar days
 * (`yyyy-mm-dd`) in the browser's time zone, empty strings mean "any".
 *
 * @public
 */
export interface IncidentFilterValues {
  status: IncidentStatus | '';
  severity: string;
  q: string;
  /** Declared on or after this day. */
  from: string;
  /** Declared on or before this day. */
  to: string;
}

const FILTER_NAMES = ['status', 'severity', 'q', 'from', 'to'] as const;

/** How long typing pauses before a text search is sent. */
const SEARCH_DELAY_MS = 300;

function startOfDay(day: string): DateTime | undefined {
  const date = DateTime.fromISO(day);
  return day && date.isValid ? date.startOf('day') : undefined;
}

/**
 * Whether the day range is backwards: its end before its start.
 *
 * @internal
 */
export function isBackwardsRange(values: IncidentFilterValues): boolean {
  const from = startOfDay(values.from);
  const to = startOfDay(values.to);
  return Boolean(from && to && to < from);
}

/**
 * The list request for the filters: the days become instants in the browser's time zone, the
 * end exclusive at the next midnight so the whole last day counts.
 *
 * @internal
 */
export function toListRequest(
  values: IncidentFilterValues,
): Pick<ListIncidentsRequest, 'status' | 'severity' | 'q' | 'from' | 'to'> {
  return {
    status: values.status ? [values.status] : undefined,
    severity: values.severity ? [values.severity] : undefined,
    q: values.q.trim() || undefined,
    from: startOfDay(values.from)?.toUTC().toISO() ?? undefined,
    to: startOfDay(values.to)?.plus({ days: 1 }).toUTC().toISO() ?? undefined,
  };
}

/**
 * The history filters, kept in the page address so that going back from an incident, reloading
 * or sharing the link keeps them. `request` is what to ask the API for; text search waits for
 * typing to pause.
 *
 * @internal
 */
export function useIncidentFilters() {
  const [params, setParams] = useSearchParams();
  const values: IncidentFilterValues = useMemo(() => {
    const status = params.get('status') ?? '';
    return {
      status: isIncidentStatus(status) ? status : '',
      severity: params.get('severity') ?? '',
      q: params.get('q') ?? '',
      from: params.get('from') ?? '',
      to: params.get('to') ?? '',
    };
  }, [params]);

  const setValues = useCallback(
    (changes: Partial<IncidentFilterValues>) =>
      setParams(
        previous => {
          const next = new URLSearchParams(previous);
          for (const [name, value] of Object.entries(changes)) {
            if (value) {
              next.set(name, value);
            } else {
              next.delete(name);
            }
          }
          return next;
        },
        { replace: true },
      ),
    [setParams],
  );

  const clear = useCallback(
    () =>
      setValues(
        Object.fromEntries(
          FILTER_NAMES.map(name => [name, '']),
        ) as Partial<IncidentFilterValues>,
      ),
    [setValues],
  );

  const [typedQuery, setTypedQuery] = useState(values.q);
  useEffect(() => {
    if (!values.q.trim()) {
      setTypedQuery('');
      return undefined;
    }
    const timer = setTimeout(() => setTypedQuery(values.q), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [values.q]);

  return {
    values,
    setValues,
    clear,
    active: FILTER_NAMES.some(name => values[name] !== ''),
    request: toListRequest({ ...values, q: typedQuery }),
  };
}
