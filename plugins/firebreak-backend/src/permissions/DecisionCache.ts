import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import {
  PolicyDecision,
  ResourcePermission,
} from '@backstage/plugin-permission-common';

/** Bounds memory whatever the number of callers. */
const MAX_ENTRIES = 10_000;

function callerOf(credentials: BackstageCredentials): string | undefined {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  if (principal.type === 'user' && principal.userEntityRef) {
    return `user:${principal.userEntityRef}`;
  }
  if (principal.type === 'service' && principal.subject) {
    return `service:${principal.subject}`;
  }
  return undefined;
}

/**
 * Keeps a caller's conditional decision on a list permission for a few seconds.
 *
 * Asking the permission backend costs an HTTP round trip with a freshly signed token on every
 * list; a person paging through history or a board refreshing on signals asks the same question
 * many times a second. A decision is kept for `ttlSeconds` per caller and permission: a change of
 * policy or of someone's groups takes effect after at most that long (their token's ownership
 * claims are older than that anyway). Zero turns the cache off.
 *
 * @internal
 */
export class PermissionDecisionCache {
  private readonly decisions = new Map<
    string,
    { decision: PolicyDecision; expiresAt: number }
  >();

  constructor(
    private readonly permissions: PermissionsService,
    private readonly ttlSeconds: number,
    private readonly now: () => number = Date.now,
  ) {}

  async authorizeConditional(
    permission: ResourcePermission,
    credentials: BackstageCredentials,
  ): Promise<PolicyDecision> {
    const caller = callerOf(credentials);
    const key = caller && `${caller} ${permission.name}`;
    const now = this.now();
    const cached = key ? this.decisions.get(key) : undefined;
    if (cached && cached.expiresAt > now) {
      return cached.decision;
    }
    const [decision] = await this.permissions.authorizeConditional(
      [{ permission }],
      { credentials },
    );
    if (key && this.ttlSeconds > 0) {
      this.decisions.delete(key);
      this.decisions.set(key, {
        decision,
        expiresAt: now + this.ttlSeconds * 1000,
      });
      if (this.decisions.size > MAX_ENTRIES) {
        // Maps keep insertion order: the first key is the oldest.
        this.decisions.delete(this.decisions.keys().next().value!);
      }
    }
    return decision;
  }
}
