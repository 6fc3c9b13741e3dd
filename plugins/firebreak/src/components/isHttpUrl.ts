/**
 * Whether a URL is safe to follow as a link: http and https only. Anything else (`javascript:`,
 * `data:`) is shown as text.
 *
 * @internal
 */
export function isHttpUrl(url: string | undefined): url is string {
  if (!url) return false;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}
