import { IncidentStatus } from '../incidents/status';
import { TimelineEvent } from '../types';

/**
 * The states of a postmortem: written as a `draft`, put `in_review`, then `published`
 * (read-only until reopened back to `draft`); or `waived`, with a reason, when none is needed.
 *
 * @public
 */
export const POSTMORTEM_STATUSES = [
  'draft',
  'in_review',
  'published',
  'waived',
] as const;

/**
 * A state of a postmortem; see {@link POSTMORTEM_STATUSES}.
 *
 * @public
 */
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

/**
 * One section of a postmortem, copied from the configured template when it was created.
 *
 * @public
 */
export interface PostmortemSection {
  /** Stable id from the template, such as `summary`. */
  id: string;
  title: string;
  /** Markdown. */
  body: string;
  /** Answers of a "five whys", for sections that offer them (contributing factors). */
  whys?: string[];
}

/**
 * One approval of a postmortem, by someone other than its owner.
 *
 * @public
 */
export interface PostmortemApproval {
  approverRef: string;
  /** ISO 8601 instant. */
  approvedAt: string;
}

/**
 * The milestones of an incident a postmortem's key durations run between, in order.
 *
 * @public
 */
export const POSTMORTEM_MILESTONES = [
  'impactStarted',
  'detected',
  'declared',
  'firstPaged',
  'acknowledged',
  'mitigated',
  'resolved',
] as const;

/**
 * A milestone of {@link POSTMORTEM_MILESTONES}.
 *
 * @public
 */
export type PostmortemMilestone = (typeof POSTMORTEM_MILESTONES)[number];

/**
 * The time from one milestone to the next one that is known, computed from the incident.
 *
 * @public
 */
export interface PostmortemKeyDuration {
  from: PostmortemMilestone;
  to: PostmortemMilestone;
  /** Whole seconds; null when either end is unknown or the times are out of order. */
  seconds: number | null;
}

/**
 * A postmortem (post-incident review) of one incident.
 *
 * @public
 */
export interface Postmortem {
  id: string;
  incidentId: string;
  /** The incident's human reference, such as `INC-12`. */
  incidentRef: string;
  status: PostmortemStatus;
  /** Whether the configured rule requires it: then the incident closes only once it is published or waived. */
  required: boolean;
  /** The user who writes it; the incident's commander unless changed. */
  ownerRef: string;
  /** The owner group of the incident's first impacted entity, if it has one. */
  ownerGroupRef?: string;
  /** People asked to review it; when empty, the owning team is. */
  reviewerRefs: string[];
  sections: PostmortemSection[];
  /** Ids of the incident's timeline events the postmortem includes. */
  starredEventIds: string[];
  approvals: PostmortemApproval[];
  /** How many approvals publishing needs (configured when it was created). */
  approvalsRequired: number;
  waiverReason?: string;
  /** ISO 8601 instants. */
  dueAt?: string;
  createdAt: string;
  updatedAt: string;
  publishedAt?: string;
  /** Bumped on every change; send it back to change the postmortem. */
  version: number;
  /**
   * Every incident the postmortem covers: its own (`incidentId`, the primary one) first, then
   * those attached to it, oldest first.
   */
  coveredIncidentIds: string[];
}

/**
 * Another incident a postmortem covers, besides its primary one.
 *
 * @public
 */
export interface PostmortemCoveredIncident {
  id: string;
  ref: string;
  title: string;
  severity: string;
  status: IncidentStatus;
}

/**
 * A stored runbook version whose steps were ticked during the incident(s) a postmortem covers,
 * from the `runbook_step` events of their timelines.
 *
 * @public
 */
export interface PostmortemRunbookUsed {
  runbookId: string;
  /** The runbook's title in that version. */
  title: string;
  version: number;
  /** How many of its steps ended ticked (a step ticked then unticked does not count). */
  stepsTicked: number;
}

/**
 * A postmortem with what its page needs in one request: the primary incident's milestones and
 * the key durations between them, the other incidents it covers, the runbook versions used, and
 * the timelines of every covered incident to pick events from.
 *
 * @public
 */
export interface PostmortemDetails extends Postmortem {
  incident: {
    id: string;
    ref: string;
    title: string;
    severity: string;
    status: IncidentStatus;
    entityRefs: string[];
  };
  /** The other incidents it covers that the caller may read, in the order they were attached. */
  alsoCovers: PostmortemCoveredIncident[];
  /** Milestone → ISO 8601 instant, or null when the primary incident does not know it. */
  milestones: Record<PostmortemMilestone, string | null>;
  /** Computed from the primary incident's milestones only. */
  keyDurations: PostmortemKeyDuration[];
  /**
   * The runbook versions whose steps were ticked in the covered incidents; once published, as
   * they were when it was published.
   */
  runbooksUsed: PostmortemRunbookUsed[];
  /**
   * The timelines of every covered incident (that the caller may read), merged oldest first;
   * `starredEventIds` picks from it.
   */
  timeline: TimelineEvent[];
  /** Whether the postmortem is overdue: not published or waived, and past `dueAt`. */
  overdue: boolean;
}

/**
 * What changing a postmortem takes: the `version` it was based on and the fields to change.
 *
 * @public
 */
export interface UpdatePostmortemRequest {
  version: number;
  status?: PostmortemStatus;
  waiverReason?: string;
  ownerRef?: string;
  reviewerRefs?: string[];
  sections?: PostmortemSection[];
  starredEventIds?: string[];
}

/**
 * What attaching another incident to a postmortem takes: the incident, and the `version` of the
 * postmortem the change was based on.
 *
 * @public
 */
export interface AttachPostmortemIncidentRequest {
  /** The incident's id or `INC-<n>` reference. */
  incidentRef: string;
  version: number;
}
