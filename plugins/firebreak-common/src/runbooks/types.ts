/**
 * Where an entity's runbook comes from: the `firebreak.dev/runbooks` annotation, a
 * `metadata.links` entry of type `runbook`, or a runbook stored in Firebreak.
 *
 * @public
 */
export type RunbookSource = 'annotation' | 'link' | 'stored';

/**
 * One step of a stored runbook's checklist. Its `id` stays the same from version to version
 * while the step is kept, so ticks made on one version still name it on the next.
 *
 * @public
 */
export interface RunbookStep {
  /** Such as `s3`; unique within the runbook, never reused for another step. */
  id: string;
  title: string;
  /** Markdown. */
  body?: string;
  /** An http or https link, such as a dashboard or a console. */
  url?: string;
}

/**
 * A runbook stored in Firebreak, at one of its versions.
 *
 * @public
 */
export interface Runbook {
  id: string;
  title: string;
  /** Markdown shown above the checklist. */
  body: string;
  /** The checklist, in order. */
  steps: RunbookStep[];
  /** The group that owns it, lower-cased. */
  ownerRef: string;
  /** The entities it is attached to, lower-cased; at least one. */
  entityRefs: string[];
  /** The incident severities it is for; empty when it is for every severity. */
  severities: string[];
  /** The version shown; each save makes a new one, starting at 1. */
  version: number;
  /** The runbook's newest version. */
  latestVersion: number;
  /** When and by whom this version was saved (ISO 8601 instant, user ref). */
  createdAt: string;
  createdBy: string;
}

/**
 * One version of a runbook, as its history lists it.
 *
 * @public
 */
export interface RunbookVersionSummary {
  version: number;
  title: string;
  createdAt: string;
  createdBy: string;
}

/**
 * One runbook of an entity, from any of the three sources: links carry `url`, stored runbooks
 * `id` and `version`.
 *
 * @public
 */
export interface EntityRunbook {
  source: RunbookSource;
  title: string;
  url?: string;
  id?: string;
  version?: number;
  ownerRef?: string;
  /** For stored runbooks: the severities it is for, empty for all. */
  severities?: string[];
}

/**
 * What creating a runbook takes; saving a new version takes the same plus the `version` it was
 * based on.
 *
 * @public
 */
export interface CreateRunbookRequest {
  title: string;
  body?: string;
  /** Steps without an id are new and get one; steps keep the id they are sent with. */
  steps?: Array<Omit<RunbookStep, 'id'> & { id?: string }>;
  ownerRef: string;
  entityRefs: string[];
  severities?: string[];
}

/**
 * A new version of a runbook: the whole runbook, against the `version` it was based on.
 *
 * @public
 */
export interface UpdateRunbookRequest extends CreateRunbookRequest {
  version: number;
}

/**
 * Who last ticked or unticked a step during an incident, on which version of the runbook.
 *
 * @public
 */
export interface RunbookStepTick {
  done: boolean;
  actorRef: string;
  at: string;
  version: number;
}

/**
 * A step of a runbook as an incident shows it: done when its last tick says so.
 *
 * @public
 */
export interface IncidentRunbookStep extends RunbookStep {
  done: boolean;
  lastTick?: RunbookStepTick;
}

/**
 * A runbook that applies to an incident: one of its impacted entities has it, for the
 * incident's current severity. Stored runbooks come at their latest version, with the
 * checklist's ticks.
 *
 * @public
 */
export interface IncidentRunbook extends EntityRunbook {
  /** The impacted entities that have it. */
  entityRefs: string[];
  body?: string;
  steps?: IncidentRunbookStep[];
}

/**
 * The runbooks of an incident, computed when read: they follow its entities and severity.
 *
 * @public
 */
export interface IncidentRunbooks {
  incidentId: string;
  severity: string;
  items: IncidentRunbook[];
}

/**
 * Ticking or unticking a step of a stored runbook during an incident.
 *
 * @public
 */
export interface RunbookStepRequest {
  runbookId: string;
  /** The version of the runbook the step was ticked on. */
  version: number;
  stepId: string;
  done: boolean;
}
