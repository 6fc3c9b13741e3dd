import { parseEntityRef } from '@backstage/catalog-model';
import Link from '@material-ui/core/Link';
import OpenInNewIcon from '@material-ui/icons/OpenInNew';
import { isHttpUrl } from '../isHttpUrl';

/** A runbook's short name for an entity ref: `payments-api` for `component:default/payments-api`. */
export function entityName(entityRef: string): string {
  try {
    return parseEntityRef(entityRef).name;
  } catch {
    return entityRef;
  }
}

/**
 * A runbook link that opens in a new tab, with an icon saying so.
 *
 * @internal
 */
export function RunbookLink(props: { title: string; url?: string }) {
  if (!isHttpUrl(props.url)) {
    return <span>{props.title}</span>;
  }
  return (
    <Link
      href={props.url}
      target="_blank"
      rel="noopener noreferrer"
      style={{ display: 'inline-flex', alignItems: 'center', gap: 4 }}
    >
      {props.title}
      <OpenInNewIcon fontSize="inherit" aria-label="opens in a new tab" />
    </Link>
  );
}
