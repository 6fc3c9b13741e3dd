import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { ConflictError, InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  describePostmortemTransition,
  firebreakPostmortemApprovePermission,
  firebreakPostmortemUpdatePermission,
  Incident,
  Postmortem,
  PostmortemStatus,
  UpdatePostmortemRequest,
} from '@firebreak/backstage-plugin-common';
import { actorRefOf } from '../incidents/IncidentAccess';
import { NewTimelineEvent } from '../incidents/IncidentStore';
import { requireEntityOfKind } from '../entityOfKind';
import { PostmortemAccess } from './PostmortemAccess';
import { PostmortemCoverage } from './PostmortemCoverage';
import { PostmortemNotifier } from './PostmortemNotifier';
import {
  PostmortemChanges,
  PostmortemStore,
  staleVersion,
} from './PostmortemStore';

/** Moves that approvers make: publishing, waiving, and reopening what was done. */
function needsApprover(from: PostmortemStatus, to: PostmortemStatus) {
  return (
    to === 'published' ||
    to === 'waived' ||
    from === 'published' ||
    from === 'waived'
  );
}

/**
 * Editing a postmortem against the `version` it was read at, moving its status, and approving
 * it. Published postmortems are read-only until reopened; publishing needs the configured
 * number of approvals by people other than the owner; publishing, waiving and reopening are
 * recorded on the timeline of every covered incident in the same transaction.
 *
 * @internal
 */
export class PostmortemEditing {
  constructor(
    private readonly deps: {
      store: PostmortemStore;
      access: PostmortemAccess;
      coverage: PostmortemCoverage;
      permissions: PermissionsService;
      catalog: CatalogService;
      notifier: PostmortemNotifier;
      now: () => Date;
    },
  ) {}

  async update(
    id: string,
    input: UpdatePostmortemRequest,
    credentials: BackstageCredentials,
  ): Promise<{ postmortem: Postmortem; incident: Incident }> {
    const { access, store } = this.deps;
    const { postmortem: current, incident } = await access.read(
      id,
      credentials,
    );
    const to =
      input.status && input.status !== current.status
        ? input.status
        : undefined;
    await access.authorize(
      to && needsApprover(current.status, to)
        ? firebreakPostmortemApprovePermission
        : firebreakPostmortemUpdatePermission,
      credentials,
      incident,
    );
    if (current.version !== input.version) {
      throw staleVersion(input.version, current.version);
    }
    const edits = [
      'ownerRef',
      'reviewerRefs',
      'sections',
      'starredEventIds',
    ] as const;
    if (
      current.status === 'published' &&
      to !== 'draft' &&
      edits.some(f => input[f] !== undefined)
    ) {
      throw new ConflictError(
        'The postmortem is published and read-only; reopen it (status: draft) to change it',
      );
    }

    const actorRef = actorRefOf(credentials);
    const now = this.deps.now();
    const changes: PostmortemChanges = { updatedAt: now };
    const events: NewTimelineEvent[] = [];
    if (input.ownerRef !== undefined) {
      changes.ownerRef = await this.requireUser(
        input.ownerRef,
        'ownerRef',
        credentials,
      );
    }
    if (input.reviewerRefs !== undefined) {
      changes.reviewerRefs = [];
      for (const [i, ref] of input.reviewerRefs.entries()) {
        changes.reviewerRefs.push(
          await this.requireUser(ref, `reviewerRefs[${i}]`, credentials),
        );
      }
      changes.reviewerRefs = [...new Set(changes.reviewerRefs)];
    }
    if (input.sections !== undefined) {
      const seen = new Set<string>();
      input.sections.forEach((section, i) => {
        if (seen.has(section.id)) {
          throw new InputError(
            `sections[${i}].id: '${section.id}' appears twice`,
          );
        }
        seen.add(section.id);
      });
      changes.sections = input.sections;
    }
    if (input.starredEventIds !== undefined) {
      // Events of every covered incident may be starred.
      const covered = await this.deps.coverage.read(
        current,
        incident,
        credentials,
      );
      const ids = new Set(covered.timeline.map(e => e.id));
      const refs = [incident, ...covered.others].map(i => i.ref).join(', ');
      input.starredEventIds.forEach((eventId, i) => {
        if (!ids.has(eventId)) {
          throw new InputError(
            `starredEventIds[${i}]: '${eventId}' is not an event of the timeline of ${refs}`,
          );
        }
      });
      changes.starredEventIds = [...new Set(input.starredEventIds)];
    }
    if (to) {
      this.move(current, to, input, changes, events, actorRef, now);
    } else if (
      input.waiverReason !== undefined &&
      current.status !== 'waived'
    ) {
      throw new InputError(
        'waiverReason: only given when waiving (status: waived)',
      );
    }

    const updated = await store.update(current, input.version, changes, events);
    await this.deps.notifier.changed(updated);
    if (to === 'in_review') {
      await this.deps.notifier.inReview(updated, actorRef);
    } else if (to === 'published') {
      const others = await this.deps.coverage.others(updated, credentials);
      await this.deps.notifier.published(
        updated,
        [incident, ...others],
        actorRef,
      );
    }
    return { postmortem: updated, incident };
  }

  async approve(
    id: string,
    version: number,
    credentials: BackstageCredentials,
  ): Promise<{ postmortem: Postmortem; incident: Incident; created: boolean }> {
    const { postmortem: current, incident } = await this.deps.access.read(
      id,
      credentials,
      firebreakPostmortemApprovePermission,
    );
    const approverRef = actorRefOf(credentials);
    if (approverRef === current.ownerRef) {
      throw new NotAllowedError(
        'You own this postmortem: someone else must approve it',
      );
    }
    if (current.status !== 'in_review') {
      throw new ConflictError(
        `The postmortem is ${current.status.replace(
          '_',
          ' ',
        )}: only one in review can be approved`,
      );
    }
    if (current.version !== version) {
      throw staleVersion(version, current.version);
    }
    const created = !current.approvals.some(a => a.approverRef === approverRef);
    const postmortem = await this.deps.store.approve(
      current.id,
      version,
      approverRef,
      this.deps.now(),
    );
    await this.deps.notifier.changed(postmortem);
    return { postmortem, incident, created };
  }

  private move(
    current: Postmortem,
    to: PostmortemStatus,
    input: UpdatePostmortemRequest,
    changes: PostmortemChanges,
    events: NewTimelineEvent[],
    actorRef: string,
    now: Date,
  ) {
    const transition = describePostmortemTransition(current.status, to);
    if (!transition.allowed) {
      throw new InputError(`status: ${transition.reason}`);
    }
    changes.status = to;
    const event = (
      type:
        | 'postmortem_published'
        | 'postmortem_waived'
        | 'postmortem_reopened',
      reason?: string,
    ) =>
      events.push({
        type,
        actorRef,
        at: now.toISOString(),
        data: { postmortemId: current.id, ...(reason ? { reason } : {}) },
      } as NewTimelineEvent);
    if (to === 'published') {
      const approvals = current.approvals.filter(
        a => a.approverRef !== current.ownerRef,
      );
      if (approvals.length < current.approvalsRequired) {
        throw new ConflictError(
          `Publishing needs ${current.approvalsRequired} approval(s) by someone other than the owner; it has ${approvals.length}`,
        );
      }
      changes.publishedAt = now;
      event('postmortem_published');
    } else if (to === 'waived') {
      const reason = input.waiverReason?.trim();
      if (!reason) {
        throw new InputError(
          'waiverReason: a reason is needed to waive a postmortem',
        );
      }
      changes.waiverReason = reason;
      event('postmortem_waived', reason);
    } else if (to === 'draft') {
      // Back to draft: what was approved may change, so it is reviewed again.
      changes.clearApprovals = true;
      if (current.status === 'published' || current.status === 'waived') {
        changes.publishedAt = null;
        changes.waiverReason = null;
        event('postmortem_reopened');
      }
    }
  }

  /** The lower-cased ref of a user in the catalog, or a 400 naming the field. */
  private requireUser(
    ref: string,
    field: string,
    credentials: BackstageCredentials,
  ): Promise<string> {
    return requireEntityOfKind(
      this.deps.catalog,
      ref,
      'user',
      field,
      credentials,
    );
  }
}
