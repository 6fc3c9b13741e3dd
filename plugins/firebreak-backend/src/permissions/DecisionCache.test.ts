import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { firebreakIncidentReadPermission } from '@firebreak/backstage-plugin-common';
import { PermissionDecisionCache } from './DecisionCache';

describe('PermissionDecisionCache', () => {
  function setup(ttlSeconds: number) {
    let now = 0;
    let result: AuthorizeResult = AuthorizeResult.ALLOW;
    const permissions = mockServices.permissions.mock({
      authorizeConditional: jest.fn(async requests =>
        requests.map(() => ({ result } as any)),
      ),
    });
    const cache = new PermissionDecisionCache(
      permissions,
      ttlSeconds,
      () => now,
    );
    return {
      cache,
      asks: () => permissions.authorizeConditional.mock.calls.length,
      advance: (ms: number) => (now += ms),
      change: (next: AuthorizeResult) => (result = next),
    };
  }
  const alice = mockCredentials.user('user:default/alice');
  const bob = mockCredentials.user('user:default/bob');
  const ask = (
    cache: PermissionDecisionCache,
    credentials: BackstageCredentials = alice,
  ) => cache.authorizeConditional(firebreakIncidentReadPermission, credentials);

  it('asks once per caller within the time to live, then again', async () => {
    const { cache, asks, advance, change } = setup(5);
    expect((await ask(cache)).result).toBe(AuthorizeResult.ALLOW);
    change(AuthorizeResult.DENY);
    advance(4_999);
    expect((await ask(cache)).result).toBe(AuthorizeResult.ALLOW);
    expect(asks()).toBe(1);

    // Another caller is asked about on their own.
    expect((await ask(cache, bob)).result).toBe(AuthorizeResult.DENY);
    expect(asks()).toBe(2);

    advance(1);
    expect((await ask(cache)).result).toBe(AuthorizeResult.DENY);
    expect(asks()).toBe(3);
  });

  it('asks every time when turned off, or for callers it cannot tell apart', async () => {
    const off = setup(0);
    await ask(off.cache);
    await ask(off.cache);
    expect(off.asks()).toBe(2);

    const on = setup(5);
    await ask(on.cache, mockCredentials.none());
    await ask(on.cache, mockCredentials.none());
    expect(on.asks()).toBe(2);
  });
});
