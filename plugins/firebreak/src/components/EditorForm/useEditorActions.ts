import { ScheduleProblem } from '@firebreak/backstage-plugin-common';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { describeFailure, isConflict } from '../../api/failures';
import { problemFromMessage } from '../../oncall/problems';
import { EditorWording } from './EditorWording';

/**
 * What an editor page tells the user about a save or a delete that did not go through.
 *
 * @internal
 */
export interface EditorNotice {
  severity: 'warning' | 'error';
  message: string;
}

/**
 * A schedule or policy as its editor knows it: changes to it are made against its version.
 *
 * @internal
 */
export interface EditedItem {
  id: string;
  name: string;
  version: number;
}

/**
 * How an editor reaches the backend for its kind of item.
 *
 * @internal
 */
export interface EditorBackend<Draft> {
  create: (draft: Draft) => Promise<{ id: string }>;
  update: (
    id: string,
    request: Draft & { version: number },
  ) => Promise<{ id: string }>;
  remove: (id: string) => Promise<void>;
}

/**
 * What an on-call editor page can do with its item, and what it has to say about it.
 *
 * @internal
 */
export interface EditorActions<Draft> {
  notice?: EditorNotice;
  dismissNotice: () => void;
  /** Saves a draft; answers the problem the backend named, for the form to show. */
  onSave: (draft: Draft) => Promise<ScheduleProblem | undefined>;
  /** Deletes the item; undefined for a new one. */
  onDelete?: () => Promise<void>;
}

/**
 * Saving and deleting on an on-call editor page: an existing item is updated at the version it
 * was loaded at; a stale save (409 without a field) reloads it, a refusal that names a field
 * goes back to the form for that field, and anything else becomes the page's notice.
 *
 * @internal
 */
export function useEditorActions<Draft>(options: {
  wording: Pick<EditorWording, 'noun' | 'conflict'>;
  /** The edited item; undefined for a new one. */
  item?: EditedItem;
  backend: EditorBackend<Draft>;
  /** Loads the item again; the form starts again from what it is now. */
  reload: () => void;
  /** Where a saved item is shown. */
  savedLink: (id: string) => string;
  /** Where to go once the item is deleted. */
  deletedLink: string;
}): EditorActions<Draft> {
  const { item, backend } = options;
  const { noun } = options.wording;
  const navigate = useNavigate();
  const [notice, setNotice] = useState<EditorNotice>();

  const onSave = async (draft: Draft) => {
    setNotice(undefined);
    try {
      const saved = item
        ? await backend.update(item.id, { version: item.version, ...draft })
        : await backend.create(draft);
      navigate(options.savedLink(saved.id));
      return undefined;
    } catch (e) {
      const message = describeFailure(e);
      const problem = problemFromMessage(message);
      // A 409 naming a field is a clash (a name taken); without one, a stale version.
      if (item && isConflict(e) && !problem) {
        setNotice({ severity: 'warning', message: options.wording.conflict });
        options.reload();
        return undefined;
      }
      if (!problem) {
        setNotice({
          severity: 'error',
          message: `The ${noun} was not saved: ${message}`,
        });
      }
      return problem;
    }
  };

  const onDelete =
    item &&
    (async () => {
      try {
        await backend.remove(item.id);
        navigate(options.deletedLink);
      } catch (e) {
        setNotice({
          severity: 'error',
          message: `The ${noun} was not deleted: ${describeFailure(e)}`,
        });
      }
    });

  return {
    notice,
    dismissNotice: () => setNotice(undefined),
    onSave,
    onDelete,
  };
}
