import { useRouteRef } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import { firebreakOnCallUpdatePermission } from '@firebreak/backstage-plugin-common';
import { onCallRouteRef } from '../../routes';
import { EditorWording } from './EditorWording';
import {
  EditedItem,
  EditorActions,
  EditorBackend,
  useEditorActions,
} from './useEditorActions';

/**
 * What an on-call editor page decides for its form.
 *
 * @internal
 */
export interface EditorPage<Draft> {
  /** The edited item; undefined for a new one. */
  item?: EditedItem;
  wording: EditorWording;
  /**
   * Whether the viewer may save the item: update it. A new item is allowed here; whether its
   * owner team is the viewer's to manage is the form's `useOwnerAccess`.
   */
  allowed: boolean;
  actions: EditorActions<Draft>;
  /** The item's page, or the on-call page for a new one. */
  cancelLink: string;
  /** Changes when the item is reloaded, so that the form starts again from it. */
  formKey: string;
}

/**
 * The page side of an on-call editor: permission, save and delete, and where Cancel goes.
 *
 * @internal
 */
export function useEditorPage<Draft>(options: {
  wording: EditorWording;
  /** The item's permission resource type: `schedule:<id>` is a schedule's resource ref. */
  resourceType: string;
  /** The edited item once loaded; undefined for a new one. */
  item?: EditedItem;
  backend: EditorBackend<Draft>;
  reload: () => void;
  /** An item's own page. */
  itemLink: (id: string) => string;
}): EditorPage<Draft> {
  const { item, itemLink } = options;
  const onCallLink = useRouteRef(onCallRouteRef);
  const { allowed: canUpdate } = usePermission({
    permission: firebreakOnCallUpdatePermission,
    resourceRef: item ? `${options.resourceType}:${item.id}` : undefined,
  });
  const actions = useEditorActions<Draft>({
    ...options,
    savedLink: itemLink,
    deletedLink: onCallLink(),
  });
  return {
    item,
    wording: options.wording,
    allowed: item ? canUpdate : true,
    actions,
    cancelLink: item ? itemLink(item.id) : onCallLink(),
    formKey: item ? `${item.id}@${item.version}` : 'new',
  };
}
