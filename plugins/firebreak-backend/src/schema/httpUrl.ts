import { z } from 'zod';

/**
 * Whether a URL that Firebreak stores and shows as a link is http or https. The scheme is read
 * as a browser reads it (WHATWG URL parsing ignores case, surrounding spaces and tabs or new
 * lines inside), so `JavaScript:`, ` javascript:` and `java\nscript:` are all refused.
 *
 * @internal
 */
export function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/**
 * A stored URL in a request body: http or https only; the error names the field, as in
 * `links[0].url: must be an http or https URL`.
 *
 * @internal
 */
export const httpUrl = z
  .string()
  .max(2048)
  .refine(isHttpUrl, { error: 'must be an http or https URL' });
