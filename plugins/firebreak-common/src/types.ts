import { IncidentStatus } from './incidents/status';

/**
 * Where an incident came from.
 *
 * @public
 */
export type IncidentSource = 'portal' | 'alert' | 'api';

/**
 * A link attached to an incident, such as its chat channel or conference bridge.
 *
 * @public
 */
export interface IncidentLink {
  title: string;
  url: string;
  /** `chat`, `bridge`, `dashboard` or anything else. */
  type: string;
}

/**
 * An incident as the Firebreak API returns it.
 *
 * @public
 */
export interface Incident {
  id: string;
  /** Human reference, `INC-<n>`: sequential, unique, never reused. */
  ref: string;
  title: string;
  summary?: string;
  severity: string;
  priority: string;
  impact: string;
  urgency: string;
  status: IncidentStatus;
  /** Impacted catalog entities, lower-cased refs; at least one. */
  entityRefs: string[];
  source: IncidentSource;
  /** Who declared it; a participant of the incident. */
  reporterRef: string;
  /** Role id → user entity ref. `commander` is always present. */
  roles: Record<string, string>;
  /** Users who joined and groups response plays added; participants of the incident. */
  responders: string[];
  subscribers: string[];
  links: IncidentLink[];
  /** ISO 8601 instants. When the impact started: at or before `detectedAt` and `declaredAt`. */
  startedAt: string;
  /** When the impact was first noticed, between `startedAt` and `declaredAt`; absent when not recorded. */
  detectedAt?: string;
  declaredAt: string;
  acknowledgedAt?: string;
  mitigatedAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  updatedAt: string;
  /** Bumped on every change; send it back to change the incident. */
  version: number;
}

/**
 * An incident as lists return it.
 *
 * @public
 */
export type IncidentSummary = Pick<
  Incident,
  | 'id'
  | 'ref'
  | 'title'
  | 'severity'
  | 'priority'
  | 'status'
  | 'entityRefs'
  | 'declaredAt'
  | 'resolvedAt'
>;

/**
 * What a note on the timeline records.
 *
 * @public
 */
export type NoteTag = 'observation' | 'theory' | 'experiment' | 'decision';

/**
 * Who a status update is for.
 *
 * @public
 */
export type StatusUpdateAudience = 'internal' | 'external';

/**
 * An immutable entry of an incident's timeline.
 *
 * @public
 */
export type TimelineEvent = {
  id: string;
  incidentId: string;
  actorRef: string;
  /** ISO 8601 instant. */
  at: string;
} & (
  | {
      type: 'declared';
      data: { title: string; severity: string; status: IncidentStatus };
    }
  | {
      type: 'status_changed';
      data: { from: IncidentStatus; to: IncidentStatus; reopened: boolean };
    }
  | { type: 'severity_changed'; data: { from: string; to: string } }
  | { type: 'priority_changed'; data: { from: string; to: string } }
  | { type: 'role_changed'; data: { role: string; from?: string; to?: string } }
  | { type: 'entities_changed'; data: { added: string[]; removed: string[] } }
  | { type: 'details_changed'; data: { fields: string[] } }
  | { type: 'play_applied'; data: { play: string; description: string } }
  | { type: 'responder_joined'; data: { userRef: string } }
  | { type: 'responder_left'; data: { userRef: string } }
  | { type: 'note'; data: { text: string; tag?: NoteTag; pinned: boolean } }
  | {
      type: 'status_update';
      data: {
        text: string;
        audience: StatusUpdateAudience;
        nextUpdateAt?: string;
      };
    }
  | {
      type: 'paged';
      data: {
        pageId: string;
        policy: string;
        /** 1-based level and run of the policy. */
        level: number;
        round: number;
        users: string[];
        /** What made this level page. */
        reason: PageReason;
      };
    }
  | {
      type: 'page_acknowledged';
      data: { pageId: string; policy: string; level: number };
    }
  | {
      type: 'runbook_step';
      /** A step of a stored runbook ticked (`done`) or unticked, on that runbook version. */
      data: {
        runbookId: string;
        runbookTitle: string;
        version: number;
        stepId: string;
        stepTitle: string;
        done: boolean;
      };
    }
  | {
      /** A postmortem of the incident was published, waived (with the reason) or reopened. */
      type:
        | 'postmortem_published'
        | 'postmortem_waived'
        | 'postmortem_reopened';
      data: { postmortemId: string; reason?: string };
    }
  | {
      type: 'page_exhausted';
      data: {
        pageId: string;
        policy: string;
        reason: 'nobody_on_call' | 'not_acknowledged';
      };
    }
);

/**
 * Why a level of an escalation policy was paged: the incident was declared, the previous level
 * did not acknowledge in time, someone escalated by hand, or its severity was raised.
 *
 * @public
 */
export type PageReason = 'declared' | 'timeout' | 'escalated' | 'severity';

/**
 * The kinds of {@link TimelineEvent}.
 *
 * @public
 */
export type TimelineEventType = TimelineEvent['type'];

/**
 * What declaring an incident takes.
 *
 * @public
 */
export interface DeclareIncidentRequest {
  title: string;
  summary?: string;
  severity: string;
  /** Impacted components, systems, APIs or resources; at least one. */
  entityRefs: string[];
  impact?: string;
  urgency?: string;
  /** ISO 8601 instant; defaults to `detectedAt` when that is given, else to when it is declared. */
  startedAt?: string;
  /** ISO 8601 instant the impact was first noticed: at or after `startedAt`, not in the future. */
  detectedAt?: string;
  /**
   * Defaults to the first person paged, else the declarer. A person may only name themself
   * (or the first person paged); services may name anyone. See `chooseCommander`.
   */
  commanderRef?: string;
}

/**
 * A change to an incident, made against the `version` it was based on.
 *
 * @public
 */
export interface UpdateIncidentRequest {
  version: number;
  title?: string;
  summary?: string | null;
  severity?: string;
  status?: IncidentStatus;
  impact?: string;
  urgency?: string;
  entityRefs?: string[];
  /** Role id → user ref; null clears a role (never the commander). */
  roles?: Record<string, string | null>;
  responders?: string[];
  subscribers?: string[];
  startedAt?: string;
  /** ISO 8601 instant the impact was first noticed; null clears it. */
  detectedAt?: string | null;
}

/**
 * A note or a status update for an incident's timeline.
 *
 * @public
 */
export type TimelinePostRequest =
  | { type: 'note'; text: string; tag?: NoteTag; pinned?: boolean }
  | {
      type: 'status_update';
      text: string;
      audience: StatusUpdateAudience;
      nextUpdateAt?: string;
    };

/**
 * A page of results with an opaque cursor for the next page, absent on the last page.
 *
 * @public
 */
export interface Page<T> {
  items: T[];
  nextCursor?: string;
}
