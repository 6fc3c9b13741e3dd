import {
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConditionTransformer } from '@backstage/plugin-permission-node';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  DeclareIncidentRequest,
  Incident,
  IncidentSummary,
  Page,
  TimelineEvent,
  TimelinePostRequest,
  UpdateIncidentRequest,
} from '@firebreak/backstage-plugin-common';
import { FirebreakSettings } from '../config/FirebreakSettings';
import { EscalationEngine } from '../paging/EscalationEngine';
import { PermissionDecisionCache } from '../permissions/DecisionCache';
import { DeclareIncident } from './DeclareIncident';
import { IncidentAccess } from './IncidentAccess';
import { IncidentEntities } from './IncidentEntities';
import { IncidentListing, ListIncidentsInput } from './IncidentListing';
import { IncidentNotifier } from './IncidentNotifier';
import { IncidentPaging } from './IncidentPaging';
import { IncidentParticipants } from './IncidentParticipants';
import {
  IncidentFilter,
  IncidentStore,
  NewTimelineEvent,
} from './IncidentStore';
import { IncidentTimeline } from './IncidentTimeline';
import { ResponsePlays } from './ResponsePlays';
import { RoleChangeNotices } from './RoleChangeNotices';
import { IncidentStatusHooks, UpdateIncident } from './UpdateIncident';

export type { ListIncidentsInput } from './IncidentListing';

/**
 * The rules of incidents: who may do what, what a declare or a change means, and what the
 * timeline records. HTTP lives in the router, SQL in the store. This class is the front door;
 * each use case lives in its own module beside it.
 *
 * @internal
 */
export class IncidentService {
  private readonly access: IncidentAccess;
  private readonly listing: IncidentListing;
  private readonly declaring: DeclareIncident;
  private readonly updating: UpdateIncident;
  private readonly incidentTimeline: IncidentTimeline;
  private readonly paging: IncidentPaging;
  private readonly participants: IncidentParticipants;

  constructor(deps: {
    store: IncidentStore;
    catalog: CatalogService;
    permissions: PermissionsService;
    settings: FirebreakSettings;
    notifier: IncidentNotifier;
    /** Turns conditional permission decisions into store filters. */
    transformConditions: ConditionTransformer<IncidentFilter>;
    logger: LoggerService;
    /** Keeps list decisions a few seconds; without it, every list asks. */
    listDecisions?: PermissionDecisionCache;
    /** Pages the on-call; without it, declaring pages nobody. */
    paging?: EscalationEngine;
    /** Tells people who gain or lose a role; without it, nobody is told. */
    roleNotices?: RoleChangeNotices;
    /** Postmortems' rules on closing and resolving; without them, none apply. */
    statusHooks?: IncidentStatusHooks;
    now?: () => Date;
  }) {
    const { store, notifier, settings, roleNotices } = deps;
    const now = () => deps.now?.() ?? new Date();
    const access = new IncidentAccess(deps);
    const entities = new IncidentEntities(deps);
    const plays = new ResponsePlays(settings);
    const paging = new IncidentPaging({
      access,
      entities,
      settings,
      paging: deps.paging,
    });
    this.access = access;
    this.paging = paging;
    this.listing = new IncidentListing(deps);
    this.declaring = new DeclareIncident({
      store,
      access,
      entities,
      plays,
      settings,
      notifier,
      paging: deps.paging,
      roleNotices,
      now,
    });
    this.updating = new UpdateIncident({
      store,
      access,
      entities,
      plays,
      settings,
      notifier,
      paging,
      roleNotices,
      statusHooks: deps.statusHooks,
      now,
    });
    this.incidentTimeline = new IncidentTimeline({
      store,
      access,
      notifier,
      now,
    });
    this.participants = new IncidentParticipants({
      store,
      notifier,
      read: (idOrRef, credentials) => access.read(idOrRef, credentials),
      now,
    });
  }

  /** Declares an incident; `created` is false when the Idempotency-Key already made it. */
  declare(
    input: DeclareIncidentRequest,
    credentials: BackstageCredentials,
    options: { idempotencyKey?: string } = {},
  ): Promise<{ incident: Incident; created: boolean }> {
    return this.declaring.declare(input, credentials, options);
  }

  /** A page of the incidents the caller may read. */
  list(
    input: ListIncidentsInput,
    credentials: BackstageCredentials,
  ): Promise<Page<IncidentSummary>> {
    return this.listing.list(input, credentials);
  }

  /** An incident the caller may read, by id or ref. */
  get(idOrRef: string, credentials: BackstageCredentials) {
    return this.access.read(idOrRef, credentials);
  }

  /** The timeline of an incident the caller may read. */
  timeline(idOrRef: string, credentials: BackstageCredentials) {
    return this.incidentTimeline.list(idOrRef, credentials);
  }

  /** Changes an incident the caller may update, against the `version` they last read. */
  update(
    idOrRef: string,
    input: UpdateIncidentRequest,
    credentials: BackstageCredentials,
  ): Promise<Incident> {
    return this.updating.update(idOrRef, input, credentials);
  }

  /** The caller joins an incident they may read as a responder. */
  join(idOrRef: string, credentials: BackstageCredentials) {
    return this.participants.join(idOrRef, credentials);
  }

  /** The caller leaves an incident's responders. */
  leave(idOrRef: string, credentials: BackstageCredentials) {
    return this.participants.leave(idOrRef, credentials);
  }

  /** Stops the escalation of an incident's pages: someone has it. */
  acknowledge(idOrRef: string, credentials: BackstageCredentials) {
    return this.paging.acknowledge(idOrRef, credentials);
  }

  /** Pages the next level now, or the on-call again when nobody is being paged. */
  escalate(idOrRef: string, credentials: BackstageCredentials) {
    return this.paging.escalate(idOrRef, credentials);
  }

  /** The pages of an incident: who was paged, who acknowledged, what is due next. */
  pages(idOrRef: string, credentials: BackstageCredentials) {
    return this.paging.pages(idOrRef, credentials);
  }

  /** Posts a note or a status update to an incident's timeline. */
  postToTimeline(
    idOrRef: string,
    input: TimelinePostRequest,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent> {
    return this.incidentTimeline.post(idOrRef, input, credentials);
  }

  /** Records another feature's event on the timeline of an incident the caller may update. */
  recordOnTimeline(
    idOrRef: string,
    event: Pick<NewTimelineEvent, 'type' | 'data'>,
    credentials: BackstageCredentials,
  ): Promise<TimelineEvent> {
    return this.incidentTimeline.record(idOrRef, event, credentials);
  }

  /** Loads an incident with what permission rules need, for the permission framework. */
  getPermissionResources(refs: string[]) {
    return this.listing.getPermissionResources(refs);
  }
}
