/**
 * One level of the impact or urgency scale.
 *
 * @public
 */
export interface PriorityScaleLevel {
  id: string;
  name: string;
  description: string;
}

/**
 * ITIL-style priority: an impact × urgency matrix giving P1 (highest) to P5.
 *
 * @public
 */
export interface PriorityMatrix {
  impacts: readonly PriorityScaleLevel[];
  urgencies: readonly PriorityScaleLevel[];
  /** `matrix[impact][urgency]` is the priority. */
  matrix: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/**
 * The default three-by-three matrix.
 *
 * @public
 */
export const DEFAULT_PRIORITY_MATRIX: PriorityMatrix = {
  impacts: [
    {
      id: 'high',
      name: 'High',
      description: 'Most customers, or a whole business function',
    },
    {
      id: 'medium',
      name: 'Medium',
      description: 'A group of customers, or one feature',
    },
    {
      id: 'low',
      name: 'Low',
      description: 'A few customers, with a workaround',
    },
  ],
  urgencies: [
    {
      id: 'high',
      name: 'High',
      description: 'Damage grows by the minute: revenue, data, safety',
    },
    {
      id: 'medium',
      name: 'Medium',
      description: 'Damage grows over hours',
    },
    { id: 'low', name: 'Low', description: 'Can wait for working hours' },
  ],
  matrix: {
    high: { high: 'P1', medium: 'P2', low: 'P3' },
    medium: { high: 'P2', medium: 'P3', low: 'P4' },
    low: { high: 'P3', medium: 'P4', low: 'P5' },
  },
};

/**
 * The priority for an impact and an urgency, or undefined when the matrix has no such cell.
 *
 * @public
 */
export function computePriority(
  matrix: PriorityMatrix,
  impact: string,
  urgency: string,
): string | undefined {
  return matrix.matrix[impact]?.[urgency];
}
