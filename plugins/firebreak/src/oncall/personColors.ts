/**
 * Colours for people's shifts: distinct from each other, dark enough for white names, and
 * readable in the light and the dark theme.
 */
const PERSON_COLORS = [
  '#1565c0',
  '#c62828',
  '#2e7d32',
  '#6a1b9a',
  '#00695c',
  '#ad1457',
  '#4527a0',
  '#e65100',
  '#5d4037',
  '#00838f',
  '#827717',
  '#455a64',
];

/**
 * Gives each person a colour by their place in `people` (first seen, first coloured), so one
 * person has one colour across every row of a timeline.
 *
 * @internal
 */
export function personColors(
  people: readonly string[],
): (ref: string) => string {
  const order = new Map<string, number>();
  for (const ref of people) {
    const key = ref.toLocaleLowerCase('en-US');
    if (!order.has(key)) {
      order.set(key, order.size);
    }
  }
  return ref => {
    const key = ref.toLocaleLowerCase('en-US');
    let index = order.get(key);
    if (index === undefined) {
      index = order.size;
      order.set(key, index);
    }
    return PERSON_COLORS[index % PERSON_COLORS.length];
  };
}
