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
 * The same, keeping blank items, for lists whose items must each be one of a set: a blank one is
 * then refused (400 naming the parameter), as the spec says, rather than ignored.
 */
export const commaItems = oneOrMany.transform(itemsOf);
