/*
 * The README's example of adding Firebreak's decisions to a host's existing policy: Firebreak's
 * permissions are decided by it, everything else by the host's policy, untouched.
 */
import {
  AuthorizeResult,
  createPermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  firebreakIncidentCreatePermission,
  firebreakIncidentReadPermission,
  firebreakIncidentUpdatePermission,
  firebreakOnCallCreatePermission,
  firebreakOnCallReadPermission,
  firebreakOnCallUpdatePermission,
  firebreakPostmortemApprovePermission,
  firebreakPostmortemCreatePermission,
  firebreakPostmortemReadPermission,
  firebreakPostmortemUpdatePermission,
} from '@firebreak/backstage-plugin-common';
import fs from 'node:fs';
import path from 'node:path';
import { FirebreakPolicy } from './firebreakPolicy';

const claims = ['user:default/alice.nguyen', 'group:default/payments'];
const alice = {
  info: { userEntityRef: claims[0], ownershipEntityRefs: claims },
} as PolicyQueryUser;

/** A host policy that denies everything, and remembers what it was asked. */
function denyingHostPolicy() {
  const asked: string[] = [];
  const policy: PermissionPolicy = {
    async handle(request: PolicyQuery): Promise<PolicyDecision> {
      asked.push(request.permission.name);
      return { result: AuthorizeResult.DENY };
    },
  };
  return { policy, asked };
}

describe('FirebreakPolicy (README example)', () => {
  it('leaves every other permission to the host policy', async () => {
    const host = denyingHostPolicy();
    const policy = new FirebreakPolicy(host.policy);
    const catalogRead = createPermission({
      name: 'catalog.entity.read',
      attributes: { action: 'read' },
      resourceType: 'catalog-entity',
    });
    const decision = await policy.handle({ permission: catalogRead }, alice);
    expect(decision).toEqual({ result: AuthorizeResult.DENY });
    expect(host.asked).toEqual(['catalog.entity.read']);
  });

  it('allows reading, declaring and seeing on-call to anyone, without asking the host', async () => {
    const host = denyingHostPolicy();
    const policy = new FirebreakPolicy(host.policy);
    for (const permission of [
      firebreakIncidentCreatePermission,
      firebreakIncidentReadPermission,
      firebreakOnCallReadPermission,
      firebreakPostmortemReadPermission,
    ]) {
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result: AuthorizeResult.ALLOW,
      });
    }
    expect(host.asked).toEqual([]);
  });

  it('lets owners of impacted entities and participants change an incident', async () => {
    const policy = new FirebreakPolicy(denyingHostPolicy().policy);
    const decision = await policy.handle(
      { permission: firebreakIncidentUpdatePermission },
      alice,
    );
    expect(decision).toEqual({
      result: AuthorizeResult.CONDITIONAL,
      pluginId: 'firebreak',
      resourceType: 'firebreak-incident',
      conditions: {
        anyOf: [
          {
            rule: 'IS_OWNER_OF_IMPACTED_ENTITY',
            resourceType: 'firebreak-incident',
            params: { claims },
          },
          {
            rule: 'IS_INCIDENT_PARTICIPANT',
            resourceType: 'firebreak-incident',
            params: { claims },
          },
        ],
      },
    });
  });

  it.each([
    firebreakPostmortemCreatePermission,
    firebreakPostmortemUpdatePermission,
    firebreakPostmortemApprovePermission,
  ])(
    'lets owners of impacted entities and role holders write postmortems ($name)',
    async permission => {
      const host = denyingHostPolicy();
      const policy = new FirebreakPolicy(host.policy);
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'firebreak',
        resourceType: 'firebreak-incident',
        conditions: {
          anyOf: [
            {
              rule: 'IS_OWNER_OF_IMPACTED_ENTITY',
              resourceType: 'firebreak-incident',
              params: { claims },
            },
            {
              rule: 'HAS_INCIDENT_ROLE',
              resourceType: 'firebreak-incident',
              params: { claims },
            },
          ],
        },
      });
      expect(host.asked).toEqual([]);
    },
  );

  it.each([firebreakOnCallCreatePermission, firebreakOnCallUpdatePermission])(
    'lets a team manage its own on-call configuration ($name)',
    async permission => {
      const policy = new FirebreakPolicy(denyingHostPolicy().policy);
      await expect(policy.handle({ permission }, alice)).resolves.toEqual({
        result: AuthorizeResult.CONDITIONAL,
        pluginId: 'firebreak',
        resourceType: 'firebreak-oncall',
        conditions: {
          rule: 'IS_ONCALL_OWNER',
          resourceType: 'firebreak-oncall',
          params: { claims },
        },
      });
    },
  );

  it('gives a caller without claims (a service) no incident it may change', async () => {
    const policy = new FirebreakPolicy(denyingHostPolicy().policy);
    const decision = await policy.handle({
      permission: firebreakIncidentUpdatePermission,
    });
    expect(decision).toMatchObject({
      result: AuthorizeResult.CONDITIONAL,
      conditions: {
        anyOf: [{ params: { claims: [] } }, { params: { claims: [] } }],
      },
    });
  });

  it('is shown in the README exactly as it is here', () => {
    const readme = fs.readFileSync(
      path.resolve(__dirname, '../../../../README.md'),
      'utf8',
    );
    const source = fs.readFileSync(
      path.resolve(__dirname, 'firebreakPolicy.ts'),
      'utf8',
    );
    expect(readme).toContain(`\`\`\`ts\n${source}\`\`\``);
  });
});
