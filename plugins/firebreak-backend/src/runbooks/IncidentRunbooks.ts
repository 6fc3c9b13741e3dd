import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  Incident,
  IncidentRunbook,
  IncidentRunbooks as IncidentRunbookList,
  RunbookStepRequest,
  RunbookStepTick,
  TimelineEvent,
} from '@firebreak/backstage-plugin-common';
import { catalogRunbooksOf } from './catalogRunbooks';
import { RunbookStore } from './RunbookStore';
import { isForSeverity, RunbookService, storedItem } from './RunbookService';

/**
 * What runbooks need of incidents: reading one (and its timeline) as the caller, and recording
 * a tick on its timeline, which needs the permission to update it. `IncidentService` provides it.
 *
 * @internal
 */
export interface RunbookIncidents {
  get(idOrRef: string, credentials: BackstageCredentials): Promise<Incident>;
  timeline(
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent[]>;
  recordOnTimeline(
    idOrRef: string,
    event: { type: 'runbook_step'; data: RunbookStepEventData },
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent>;
}

type RunbookStepEventData = Extract<
  TimelineEvent,
  { type: 'runbook_step' }
>['data'];

/** The last tick of each step, by `<runbook id> <step id>`, from the timeline. */
function lastTicks(timeline: TimelineEvent[]) {
  const ticks = new Map<string, RunbookStepTick>();
  for (const event of timeline) {
    if (event.type === 'runbook_step') {
      const { runbookId, stepId, done, version } = event.data;
      ticks.set(`${runbookId} ${stepId}`, {
        done,
        version,
        actorRef: event.actorRef,
        at: event.at,
      });
    }
  }
  return ticks;
}

/**
 * The runbooks of an incident: those of its impacted entities, for its severity, computed when
 * read so they follow changes of either; and ticking their steps, which the timeline records.
 *
 * @internal
 */
export class IncidentRunbooks {
  constructor(
    private readonly deps: {
      store: RunbookStore;
      catalog: CatalogService;
      runbooks: RunbookService;
      incidents: RunbookIncidents;
    },
  ) {}

  /** The runbooks of an incident the caller may read, with their steps' ticks. */
  async list(
    idOrRef: string,
    credentials: BackstageCredentials,
  ): Promise<IncidentRunbookList> {
    const { incidents, catalog, store, runbooks } = this.deps;
    const incident = await incidents.get(idOrRef, credentials);
    await runbooks.authorizeRead(credentials);
    const [timeline, { items: entities }, stored] = await Promise.all([
      incidents.timeline(incident.id, credentials),
      catalog.getEntitiesByRefs(
        { entityRefs: incident.entityRefs },
        { credentials },
      ),
      store.listForEntities(incident.entityRefs),
    ]);

    const linked = new Map<string, IncidentRunbook>();
    entities.forEach((entity, index) => {
      if (!entity) return;
      for (const item of catalogRunbooksOf(entity)) {
        const known = linked.get(item.url!);
        if (known) {
          known.entityRefs.push(incident.entityRefs[index]);
        } else {
          linked.set(item.url!, {
            ...item,
            entityRefs: [incident.entityRefs[index]],
          });
        }
      }
    });

    const ticks = lastTicks(timeline);
    const storedItems = stored
      .filter(runbook => isForSeverity(runbook, incident.severity))
      .map(
        (runbook): IncidentRunbook => ({
          ...storedItem(runbook),
          entityRefs: incident.entityRefs.filter(ref =>
            runbook.entityRefs.includes(ref),
          ),
          body: runbook.body,
          steps: runbook.steps.map(step => {
            const lastTick = ticks.get(`${runbook.id} ${step.id}`);
            return { ...step, done: lastTick?.done ?? false, lastTick };
          }),
        }),
      );
    return {
      incidentId: incident.id,
      severity: incident.severity,
      items: [...linked.values(), ...storedItems],
    };
  }

  /**
   * Ticks or unticks a step of one of the incident's stored runbooks, on the version the
   * responder saw; the timeline records who, when, which step and which version.
   */
  async tick(
    idOrRef: string,
    input: RunbookStepRequest,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent> {
    const { incidents, store, runbooks } = this.deps;
    const incident = await incidents.get(idOrRef, credentials);
    await runbooks.authorizeRead(credentials);
    const current = await store.getRunbook(input.runbookId);
    if (!current) {
      throw new NotFoundError(`No runbook ${input.runbookId}`);
    }
    if (!current.entityRefs.some(ref => incident.entityRefs.includes(ref))) {
      throw new InputError(
        `runbookId: '${current.title}' is not a runbook of ${incident.ref}'s impacted entities`,
      );
    }
    const seen =
      input.version === current.version
        ? current
        : await store.getRunbook(input.runbookId, input.version);
    if (!seen) {
      throw new InputError(
        `version: the runbook has versions 1 to ${current.version}`,
      );
    }
    const step = seen.steps.find(s => s.id === input.stepId);
    if (!step) {
      throw new InputError(
        `stepId: version ${seen.version} of the runbook has no step '${input.stepId}'`,
      );
    }
    return incidents.recordOnTimeline(
      incident.id,
      {
        type: 'runbook_step',
        data: {
          runbookId: seen.id,
          runbookTitle: seen.title,
          version: seen.version,
          stepId: step.id,
          stepTitle: step.title,
          done: input.done,
        },
      },
      credentials,
    );
  }
}
