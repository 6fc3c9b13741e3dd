const PARTS: Record<string, string> = {
  name: 'name',
  ownerRef: 'owner',
  timeZone: 'time zone',
  layers: 'layers',
  participants: 'people',
  rotation: 'rotation',
  type: 'shift length',
  hours: 'hours',
  handoff: 'first handoff',
  restrictions: 'windows',
  start: 'start',
  end: 'end',
  daysOfWeek: 'days',
  levels: 'levels',
  targets: 'targets',
  ref: 'target',
  ackTimeoutMinutes: 'acknowledgement timeout',
  repeat: 'repeat',
  userRef: 'person',
};

const ITEMS: Record<string, string> = {
  layers: 'Layer',
  participants: 'person',
  restrictions: 'window',
  daysOfWeek: 'day',
  levels: 'Level',
  targets: 'target',
};

/**
 * A problem's field path in words: `layers[0].participants[1]` is "Layer 1, person 2".
 *
 * @internal
 */
export function describeField(field: string): string {
  const words: string[] = [];
  for (const segment of field.split('.')) {
    const match = /^(\w+)((?:\[\d+\])*)$/.exec(segment);
    if (!match) {
      words.push(segment);
      continue;
    }
    const [, name, indexes] = match;
    const index = /\[(\d+)\]/.exec(indexes)?.[1];
    if (index !== undefined) {
      words.push(`${ITEMS[name] ?? name} ${Number(index) + 1}`);
    } else if (name !== 'rotation') {
      words.push(PARTS[name] ?? name);
    }
  }
  const text = words.join(', ');
  return text.charAt(0).toLocaleUpperCase('en-US') + text.slice(1);
}
