/**
 * A severity level. Levels are configurable; their order is their rank, most severe first.
 *
 * @public
 */
export interface SeverityLevel {
  /** What the API and the database store, such as `SEV1`. */
  id: string;
  /** What people read, such as `SEV1 – critical`. */
  name: string;
  /** When to pick this level, shown where people declare an incident. */
  description: string;
  /** Major incidents require a postmortem and trigger response plays. */
  major: boolean;
  /** Impact assumed when the declarer gives none. */
  defaultImpact: string;
  /** Urgency assumed when the declarer gives none. */
  defaultUrgency: string;
}

/**
 * The default severity levels: SEV1 down for all customers, SEV2 down for a subset, SEV3 not
 * in the way of essential tasks.
 *
 * @public
 */
export const DEFAULT_SEVERITY_LEVELS: readonly SeverityLevel[] = [
  {
    id: 'SEV1',
    name: 'SEV1 – critical',
    description:
      'The service is down for all customers, or data is being lost or exposed.',
    major: true,
    defaultImpact: 'high',
    defaultUrgency: 'high',
  },
  {
    id: 'SEV2',
    name: 'SEV2 – major',
    description:
      'The service is down or badly degraded for a subset of customers, or a core feature is unusable.',
    major: true,
    defaultImpact: 'medium',
    defaultUrgency: 'high',
  },
  {
    id: 'SEV3',
    name: 'SEV3 – minor',
    description:
      'Something is broken or slow but does not stop customers from doing essential tasks.',
    major: false,
    defaultImpact: 'low',
    defaultUrgency: 'medium',
  },
];
