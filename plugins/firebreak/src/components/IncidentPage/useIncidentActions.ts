import { useApi } from '@backstage/core-plugin-api';
import {
  Incident,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';
import { useCallback, useState } from 'react';
import { firebreakApiRef } from '../../api';
import { describeFailure, isConflict } from '../../api/failures';
import { TimelinePost } from './TimelineForm';

/**
 * What went wrong with the last action on the incident page, shown above its cards.
 *
 * @internal
 */
export type IncidentProblem = {
  severity: 'warning' | 'error';
  message: string;
};

const CONFLICT_MESSAGE =
  'Someone else changed this incident — reloaded. Your change was not saved: check the incident as it is now and make your change again if it is still needed.';

const NOBODY_PAGED_MESSAGE =
  'Nobody was paged: no escalation policy pages for the impacted entities. Assign people to the roles instead.';

/** A 409 that is not a stale version: the incident needs its postmortem before it closes. */
function isPostmortemRefusal(error: unknown): boolean {
  return isConflict(error) && /postmortem/i.test(describeFailure(error));
}

/**
 * What the incident page can do to an incident — change it, post to its timeline, join or
 * leave it, acknowledge or escalate its paging — each followed by a reload, with the last
 * problem and whether paging or joining is under way.
 *
 * @internal
 */
export function useIncidentActions(reload: () => void) {
  const api = useApi(firebreakApiRef);
  const [paging, setPaging] = useState(false);
  const [joining, setJoining] = useState(false);
  const [problem, setProblem] = useState<IncidentProblem>();
  // Why the last status change was refused for a reason other than a stale version, such as
  // closing while the required postmortem is neither published nor waived: shown at the control.
  const [statusProblem, setStatusProblem] = useState<string>();
  const dismissProblem = useCallback(() => setProblem(undefined), []);

  // Every change is made against the version on screen; a stale one is refused (409), and
  // then the page says so and shows what the incident is now instead of overwriting it.
  const change = useCallback(
    async (
      incident: Incident,
      request: Omit<UpdateIncidentRequest, 'version'>,
    ) => {
      setProblem(undefined);
      setStatusProblem(undefined);
      try {
        await api.updateIncident(incident.id, {
          version: incident.version,
          ...request,
        });
      } catch (e) {
        if (request.status && isPostmortemRefusal(e)) {
          setStatusProblem(describeFailure(e));
        } else {
          setProblem(
            isConflict(e)
              ? { severity: 'warning', message: CONFLICT_MESSAGE }
              : { severity: 'error', message: describeFailure(e) },
          );
        }
      }
      reload();
    },
    [api, reload],
  );

  const post = useCallback(
    async (incident: Incident, { kind, text }: TimelinePost) => {
      setProblem(undefined);
      try {
        await api.postToTimeline(
          incident.id,
          kind === 'note'
            ? { type: 'note', text }
            : { type: 'status_update', text, audience: 'internal' },
        );
      } catch (e) {
        setProblem({ severity: 'error', message: describeFailure(e) });
      }
      reload();
    },
    [api, reload],
  );

  // Paging and joining show that they are under way; a failure is the page's problem, and the
  // page reloads either way.
  const busyWhile = useCallback(
    async (setBusy: (busy: boolean) => void, action: () => Promise<void>) => {
      setProblem(undefined);
      setBusy(true);
      try {
        await action();
      } catch (e) {
        setProblem({ severity: 'error', message: describeFailure(e) });
      } finally {
        setBusy(false);
      }
      reload();
    },
    [reload],
  );

  // Joining makes a reader a participant, whom the policy may let help; the page asks again.
  const participate = useCallback(
    (incident: Incident, how: 'join' | 'leave') =>
      busyWhile(setJoining, async () => {
        await (how === 'join'
          ? api.joinIncident(incident.id)
          : api.leaveIncident(incident.id));
      }),
    [api, busyWhile],
  );

  // Whoever was paged may acknowledge; so may anyone who may change the incident.
  const acknowledge = useCallback(
    (incident: Incident) =>
      busyWhile(setPaging, async () => {
        await api.acknowledgeIncident(incident.id);
      }),
    [api, busyWhile],
  );

  const escalate = useCallback(
    (incident: Incident) =>
      busyWhile(setPaging, async () => {
        const { escalated } = await api.escalateIncident(incident.id);
        if (escalated === 0) {
          setProblem({ severity: 'warning', message: NOBODY_PAGED_MESSAGE });
        }
      }),
    [api, busyWhile],
  );

  return {
    problem,
    statusProblem,
    dismissProblem,
    paging,
    joining,
    change,
    post,
    participate,
    acknowledge,
    escalate,
  };
}
