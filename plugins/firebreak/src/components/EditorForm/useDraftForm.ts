import { ScheduleProblem } from '@firebreak/backstage-plugin-common';
import { FormEvent, useState } from 'react';
import { FieldProblems, indexProblems } from '../../oncall/problems';
import { EditorPage } from './useEditorPage';

/**
 * An on-call editor's form as its fields and footer see it.
 *
 * @internal
 */
export interface DraftForm<Draft> {
  draft: Draft;
  update: (changes: Partial<Draft>) => void;
  problems: FieldProblems;
  /** Whether problems show next to their fields yet. */
  showProblems: boolean;
  /** Whether a save is under way. */
  busy: boolean;
  submit: (event: FormEvent) => void;
}

/**
 * The state of an on-call editor's form: the draft, its problems (found here, or named by the
 * backend on the last save) and whether a save is under way.
 *
 * @internal
 */
export function useDraftForm<Draft extends object>(options: {
  /** The page the form is on: it saves, and tells whether an existing item is edited. */
  page: EditorPage<Draft>;
  /** Where the form starts; a form starts again by being mounted with a new key. */
  initial: Draft;
  findProblems: (draft: Draft) => ScheduleProblem[];
  /** The draft as it is sent, such as with names trimmed. */
  clean: (draft: Draft) => Draft;
}): DraftForm<Draft> {
  const { page } = options;
  const [draft, setDraft] = useState(options.initial);
  const [dirty, setDirty] = useState(false);
  const [busy, setBusy] = useState(false);
  const [serverProblem, setServerProblem] = useState<ScheduleProblem>();
  const problemList = options.findProblems(draft);
  const problems = indexProblems(
    serverProblem ? [serverProblem, ...problemList] : problemList,
  );

  const update = (changes: Partial<Draft>) => {
    setDraft(previous => ({ ...previous, ...changes }));
    setDirty(true);
    // The backend's problem was about what it was sent; an edit may have fixed it.
    setServerProblem(undefined);
  };

  const save = async () => {
    setBusy(true);
    try {
      setServerProblem(await page.actions.onSave(options.clean(draft)));
    } finally {
      setBusy(false);
    }
  };

  return {
    draft,
    update,
    problems,
    // A new form does not greet people with errors; an edited one shows them at once.
    showProblems: dirty || !!page.item || !!serverProblem,
    busy,
    submit: event => {
      event.preventDefault();
      save();
    },
  };
}
