import { ScheduleProblem } from '@firebreak/backstage-plugin-common';

/**
 * Problems found by field, for showing each next to the field it names.
 *
 * @internal
 */
export interface FieldProblems {
  /** The message for exactly this field, if any. */
  at(field: string): string | undefined;
  /** Whether this field or anything inside it has a problem. */
  within(field: string): boolean;
  all: ScheduleProblem[];
}

/**
 * Indexes problems by the field they name, such as `layers[0].participants[1]`.
 *
 * @internal
 */
export function indexProblems(problems: ScheduleProblem[]): FieldProblems {
  const byField = new Map<string, string>();
  for (const problem of problems) {
    if (!byField.has(problem.field)) {
      byField.set(problem.field, problem.message);
    }
  }
  return {
    at: field => byField.get(field),
    within: field =>
      problems.some(
        p =>
          p.field === field ||
          p.field.startsWith(`${field}.`) ||
          p.field.startsWith(`${field}[`),
      ),
    all: problems,
  };
}

/**
 * The field a backend error names ("layers[0].participants[1]: 'x' is not in the catalog"), as
 * a problem; undefined when the message names none.
 *
 * @internal
 */
export function problemFromMessage(
  message: string,
): ScheduleProblem | undefined {
  const match = /^([A-Za-z]+(?:\[\d+\]|\.[A-Za-z]+)*): (.+)$/s.exec(message);
  return match ? { field: match[1], message: match[2] } : undefined;
}
