import { usePermission } from '@backstage/plugin-permission-react';
import {
  firebreakOnCallCreatePermission,
  onCallOwnerResourceRef,
} from '@firebreak/backstage-plugin-common';
import { normalizeRef } from '../../oncall/usePersonNames';

/**
 * Why Save is off when the chosen owner team is not the viewer's to manage.
 *
 * @internal
 */
export const MAY_NOT_MANAGE_OWNER =
  'You can only manage on-call for teams you belong to';

/**
 * Whether the viewer may give the chosen team this configuration, and why not.
 *
 * @internal
 */
export interface OwnerAccess {
  allowed: boolean;
  /** Set when not allowed: said beside Save and at the owner field. */
  reason?: string;
}

function ownerResourceRef(ownerRef: string): string | undefined {
  try {
    return onCallOwnerResourceRef(ownerRef);
  } catch {
    return undefined;
  }
}

/**
 * Asks whether the viewer may manage the on-call configuration of the team a form gives its
 * item to: always for a new item, and for an existing one when it moves to another team or
 * becomes that team's default. A form without an owner yet is left to its own problems.
 *
 * @internal
 */
export function useOwnerAccess(options: {
  /** The saved item; undefined for a new one. */
  item?: { ownerRef: string; isDefault?: boolean };
  /** The owner the form has now, '' for none. */
  ownerRef: string;
  /** Whether the form makes the item its team's default. */
  isDefault?: boolean;
}): OwnerAccess {
  const { item, ownerRef } = options;
  const moving =
    !!item &&
    !!ownerRef &&
    normalizeRef(item.ownerRef, 'group') !== normalizeRef(ownerRef, 'group');
  const makingDefault = !!item && !!options.isDefault && !item.isDefault;
  const asks = !!ownerRef && (!item || moving || makingDefault);
  const { allowed, loading } = usePermission({
    permission: firebreakOnCallCreatePermission,
    resourceRef: asks ? ownerResourceRef(ownerRef) : undefined,
  });
  if (!asks || allowed || loading) {
    return { allowed: !asks || allowed };
  }
  return { allowed: false, reason: MAY_NOT_MANAGE_OWNER };
}
