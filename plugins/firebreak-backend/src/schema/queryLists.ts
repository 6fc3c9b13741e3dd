import { z } from 'zod';

const oneOrMany = z.union([z.string(), z.array(z.string())]);

const itemsOf = (value: string | string[]) =>
  (Array.isArray(value) ? value : [value])
    .flatMap(v => v.split(','))
    .map(v => v.trim());

/** A query parameter given once with commas, or repeated; blank items are dropped. */
export const commaList = oneOrMany.transform(value =>
  itemsOf(value).filter(Boolean),
);

/**
 * The same, keeping blank items, for lists whose items must each be one of a set. An empty
 * parameter (`status=`) is the empty list, so no filter; a blank item (`status=%20` or `a,,b`) is
 * not one of the set and is refused (400 naming the parameter), as the spec's form style says.
 */
export const commaItems = oneOrMany.transform(value =>
  value === '' ? [] : itemsOf(value),
);
