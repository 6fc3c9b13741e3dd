import { useApi } from '@backstage/core-plugin-api';
import {
  PostmortemDetails,
  UpdatePostmortemRequest,
} from '@firebreak/backstage-plugin-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { SaveOutcome } from './SectionCard';

/**
 * What went wrong with the last action on the postmortem page.
 *
 * @internal
 */
export type PostmortemProblem = {
  severity: 'warning' | 'error';
  message: string;
};

const CONFLICT_MESSAGE =
  'Someone else saved this postmortem first — it has been reloaded and your change was not saved. Check it as it is now and make your change again if it is still needed.';

/**
 * An incident's postmortem, loaded by the incident's reference, and what the page can do to
 * it. Every change carries the version on screen; a stale one (409) reloads and says so.
 *
 * @internal
 */
export function usePostmortem(incidentRef: string) {
  const api = useApi(firebreakApiRef);
  const [postmortem, setPostmortem] = useState<PostmortemDetails | null>();
  const [loadError, setLoadError] = useState<Error>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<PostmortemProblem>();
  // Always act on the newest version on screen, even from callbacks made before it loaded.
  const current = useRef<PostmortemDetails | null>();
  current.current = postmortem;

  const load = useCallback(async () => {
    try {
      const found = await api.getIncidentPostmortem(incidentRef);
      setPostmortem(found ?? null);
      setLoadError(undefined);
    } catch (e) {
      setLoadError(e as Error);
    }
  }, [api, incidentRef]);

  useEffect(() => {
    load();
  }, [load]);

  /**
   * Runs a change; a 409 reloads. Gives what happened, for callers that keep input. A failure
   * is shown by the page, or left to the caller to show next to its input.
   */
  const save = useCallback(
    async (
      change: (p: PostmortemDetails) => Promise<PostmortemDetails>,
      failureShownBy: 'page' | 'caller',
    ): Promise<SaveOutcome> => {
      const p = current.current;
      if (!p)
        return { kind: 'failed', message: 'the postmortem is not loaded' };
      setProblem(undefined);
      setBusy(true);
      try {
        setPostmortem(await change(p));
        return { kind: 'saved' };
      } catch (e) {
        const message = describeFailure(e);
        const onPage = failureShownBy === 'page';
        if (isConflict(e)) {
          if (onPage) {
            setProblem({
              severity: 'warning',
              message: `${CONFLICT_MESSAGE} (${message})`,
            });
          }
          await load();
          return onPage ? { kind: 'conflict' } : { kind: 'failed', message };
        }
        if (onPage) setProblem({ severity: 'error', message });
        return { kind: 'failed', message };
      } finally {
        setBusy(false);
      }
    },
    [load],
  );

  /** Runs a change whose failure the page shows. */
  const run = useCallback(
    (change: (p: PostmortemDetails) => Promise<PostmortemDetails>) =>
      save(change, 'page'),
    [save],
  );

  const update = useCallback(
    (request: Omit<UpdatePostmortemRequest, 'version'>) =>
      run(p => api.updatePostmortem(p.id, { version: p.version, ...request })),
    [api, run],
  );

  const approve = useCallback(
    () => run(p => api.approvePostmortem(p.id, p.version)),
    [api, run],
  );

  const saveSection = useCallback(
    (sectionId: string, body: string) =>
      run(p =>
        api.updatePostmortem(p.id, {
          version: p.version,
          sections: p.sections.map(s =>
            s.id === sectionId ? { ...s, body } : s,
          ),
        }),
      ),
    [api, run],
  );

  const toggleStar = useCallback(
    (eventId: string) =>
      run(p => {
        const starred = p.starredEventIds.includes(eventId)
          ? p.starredEventIds.filter(id => id !== eventId)
          : [...p.starredEventIds, eventId];
        return api.updatePostmortem(p.id, {
          version: p.version,
          starredEventIds: starred,
        });
      }),
    [api, run],
  );

  /**
   * Changes which incidents the postmortem covers. A refusal (an incident with a postmortem of
   * its own, a stale version) is the caller's to show next to its input; a 409 also reloads.
   */
  const changeCoverage = useCallback(
    (change: (p: PostmortemDetails) => Promise<PostmortemDetails>) =>
      save(change, 'caller'),
    [save],
  );

  const attachIncident = useCallback(
    (attachedRef: string) =>
      changeCoverage(p =>
        api.attachPostmortemIncident(p.id, attachedRef, p.version),
      ),
    [api, changeCoverage],
  );

  const detachIncident = useCallback(
    (incidentIdOrRef: string) =>
      changeCoverage(p => api.detachPostmortemIncident(p.id, incidentIdOrRef)),
    [api, changeCoverage],
  );

  const exportMarkdown = useCallback(async () => {
    const p = current.current;
    if (!p) return;
    setProblem(undefined);
    try {
      const markdown = await api.exportPostmortem(p.id);
      const url = URL.createObjectURL(
        new Blob([markdown], { type: 'text/markdown' }),
      );
      const a = document.createElement('a');
      a.href = url;
      a.download = `${p.incidentRef}-postmortem.md`;
      a.click();
      URL.revokeObjectURL(url);
    } catch (e) {
      setProblem({
        severity: 'error',
        message: `The export failed: ${describeFailure(e)}`,
      });
    }
  }, [api]);

  return {
    postmortem,
    loadError,
    busy,
    problem,
    dismissProblem: () => setProblem(undefined),
    reload: load,
    update,
    approve,
    saveSection,
    toggleStar,
    attachIncident,
    detachIncident,
    exportMarkdown,
  };
}
