import {
  EntityDisplayName,
  EntityRefLink,
} from '@backstage/plugin-catalog-react';

/**
 * One person by their catalog display name, or "nobody".
 *
 * @internal
 */
export function Person(props: { userRef?: string }) {
  return props.userRef ? (
    <EntityDisplayName
      entityRef={props.userRef}
      defaultKind="user"
      hideIcon
      disableTooltip
    />
  ) : (
    <>nobody</>
  );
}

/**
 * Several people, separated by commas, or "nobody".
 *
 * @internal
 */
export function People(props: { refs: string[] }) {
  if (props.refs.length === 0) {
    return <>nobody</>;
  }
  return (
    <>
      {props.refs.map((ref, index) => (
        <span key={ref}>
          {index > 0 && ', '}
          <Person userRef={ref} />
        </span>
      ))}
    </>
  );
}

/** Who the backend says paged and escalated when no person did. */
const PAGING_ACTOR = 'service:firebreak/paging';

/**
 * Who did something: people and teams link to their catalog page; services (Firebreak's
 * paging) are named.
 *
 * @internal
 */
export function Actor(props: { actorRef: string }) {
  const { actorRef } = props;
  const kind = actorRef.split(':')[0].toLocaleLowerCase('en-US');
  if (actorRef === PAGING_ACTOR) {
    return <>Firebreak paging</>;
  }
  if (kind === 'user' || kind === 'group' || !actorRef.includes(':')) {
    return <EntityRefLink entityRef={actorRef} defaultKind="user" />;
  }
  return <>{actorRef}</>;
}
