import { Entity } from '@backstage/catalog-model';
import {
  EntityRunbook,
  FIREBREAK_RUNBOOKS_ANNOTATION,
} from '@firebreak/backstage-plugin-common';
import { isHttpUrl } from '../schema/httpUrl';

/** A readable title for an annotation URL: its host and path. */
function titleOf(url: string) {
  const { host, pathname } = new URL(url);
  return `${host}${pathname === '/' ? '' : pathname}`;
}

/**
 * The linked runbooks of a catalog entity: the URLs of its `firebreak.dev/runbooks` annotation
 * (separated by commas or new lines) and its `metadata.links` of type `runbook`. Only http and
 * https URLs count: anything else in the catalog (`javascript:`, `file:`, junk) is skipped, never
 * handed to a page as a link. Annotation URLs come first; a URL listed twice is listed once, as
 * its link (which has a title) if it has one.
 *
 * @internal
 */
export function catalogRunbooksOf(entity: Entity): EntityRunbook[] {
  const links: EntityRunbook[] = [];
  const annotated: EntityRunbook[] = [];
  const seen = new Set<string>();
  for (const link of entity.metadata.links ?? []) {
    const url = typeof link.url === 'string' ? link.url.trim() : '';
    if (
      typeof link.type === 'string' &&
      link.type.toLowerCase() === 'runbook' &&
      isHttpUrl(url) &&
      !seen.has(url)
    ) {
      seen.add(url);
      links.push({
        source: 'link',
        title: link.title?.trim() || titleOf(url),
        url,
      });
    }
  }
  const annotation =
    entity.metadata.annotations?.[FIREBREAK_RUNBOOKS_ANNOTATION] ?? '';
  for (const part of annotation.split(/[,\n]/)) {
    const url = part.trim();
    if (url && isHttpUrl(url) && !seen.has(url)) {
      seen.add(url);
      annotated.push({ source: 'annotation', title: titleOf(url), url });
    }
  }
  return [...annotated, ...links];
}
