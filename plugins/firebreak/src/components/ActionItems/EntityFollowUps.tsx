import { InfoCard, InfoCardVariants } from '@backstage/core-components';
import {
  identityApiRef,
  useApi,
  useRouteRef,
} from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { useEntity } from '@backstage/plugin-catalog-react';
import useAsync from 'react-use/esm/useAsync';
import { useIsOwnProfile } from '../../hooks/useIsOwnProfile';
import { followUpsRouteRef } from '../../routes';
import { FollowUpsCard, FollowUpsContent } from './FollowUpsCard';

const PENDING = ['open' as const, 'in_progress' as const];

/**
 * "Follow-ups" of an entity's Incidents tab: the action items about the entity (a system's
 * parts, a group's belongings), overdue first.
 *
 * @internal
 */
export function EntityFollowUpsSection() {
  const { entity } = useEntity();
  const entityRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  return (
    <FollowUpsCard
      title="Follow-ups"
      subheader="Action items from incidents, overdue first"
      filter={{ entityRef }}
      emptyMessage="No follow-ups yet: they are added on an incident’s page, or from its postmortem."
    />
  );
}

/**
 * Entity card of follow-ups: on a group page "What we owe" — the open items owned by the group
 * or owed by it, and by its members — and elsewhere the open items about the entity.
 *
 * @public
 */
export function EntityFollowUpsCard(props: { variant?: InfoCardVariants }) {
  const { entity } = useEntity();
  const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
  const followUpsLink = useRouteRef(followUpsRouteRef);
  return (
    <FollowUpsCard
      title={isGroup ? 'What we owe' : 'Follow-ups'}
      subheader="Open action items, overdue first"
      variant={props.variant}
      filter={
        isGroup
          ? { ownerRef: ref, status: PENDING }
          : { entityRef: ref, status: PENDING }
      }
      emptyMessage={
        isGroup
          ? 'The team owes nothing right now.'
          : 'No open follow-ups for this entity.'
      }
      deepLink={{ title: 'All follow-ups', link: followUpsLink() }}
    />
  );
}

/**
 * What "My follow-ups" shows inside its card, for hosts that draw the card (home page widgets).
 *
 * @internal
 */
export function MyFollowUpsContent() {
  const identityApi = useApi(identityApiRef);
  const self = useAsync(
    async () =>
      (
        await identityApi.getBackstageIdentity()
      ).userEntityRef.toLocaleLowerCase('en-US'),
    [identityApi],
  );
  return (
    <FollowUpsContent
      filter={{ ownerRef: self.value, status: PENDING }}
      skip={!self.value}
      emptyMessage="You owe nothing right now."
    />
  );
}

/**
 * "My follow-ups": the signed-in person's open action items, overdue first. For the home page.
 *
 * @public
 */
export function MyFollowUpsCard(props: { variant?: InfoCardVariants }) {
  const followUpsLink = useRouteRef(followUpsRouteRef);
  return (
    <InfoCard
      title="My follow-ups"
      subheader="Your open action items, overdue first"
      variant={props.variant}
      deepLink={{ title: 'All follow-ups', link: followUpsLink() }}
    >
      <MyFollowUpsContent />
    </InfoCard>
  );
}

/**
 * "My follow-ups" on a user's profile page: shown on the signed-in person's own profile, and
 * nothing on anyone else's.
 *
 * @public
 */
export function EntityUserFollowUpsCard(props: { variant?: InfoCardVariants }) {
  return useIsOwnProfile() ? <MyFollowUpsCard variant={props.variant} /> : null;
}
