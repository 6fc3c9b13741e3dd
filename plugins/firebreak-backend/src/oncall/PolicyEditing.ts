import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  CreateEscalationPolicyRequest,
  EscalationPolicy,
  findEscalationPolicyProblems,
  UpdateEscalationPolicyRequest,
} from '@firebreak/backstage-plugin-common';
import { failOnProblems, OnCallEditingDeps } from './OnCallInput';

/**
 * Escalation policies: who may create, change and delete them, what is valid, and which is a
 * team's default.
 *
 * @internal
 */
export class PolicyEditing {
  constructor(private readonly deps: OnCallEditingDeps) {}

  async createPolicy(
    input: CreateEscalationPolicyRequest,
    credentials: BackstageCredentials,
  ): Promise<EscalationPolicy> {
    const { authorizer, input: check } = this.deps;
    await authorizer.authorizeManageOwner(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    if (!input.name?.trim()) {
      throw new InputError('name: must not be empty');
    }
    failOnProblems(findEscalationPolicyProblems(input));
    const ownerRef = await check.requireGroup(
      input.ownerRef,
      'ownerRef',
      credentials,
    );
    const levels = await check.checkTargets(input.levels, credentials);
    return this.deps.store.createPolicy(
      {
        name: input.name.trim(),
        ownerRef,
        levels,
        repeat: input.repeat ?? 0,
        isDefault: input.isDefault,
      },
      this.deps.now(),
    );
  }

  async getPolicy(idOrName: string, credentials: BackstageCredentials) {
    await this.deps.authorizer.authorizeRead(credentials);
    const policy = await this.deps.store.getPolicy(idOrName);
    if (!policy) {
      throw new NotFoundError(`No escalation policy ${idOrName}`);
    }
    return policy;
  }

  async listPolicies(
    filter: { ownerRef?: string },
    credentials: BackstageCredentials,
  ) {
    await this.deps.authorizer.authorizeRead(credentials);
    return this.deps.store.listPolicies({
      ownerRefs: filter.ownerRef ? [filter.ownerRef] : undefined,
    });
  }

  async updatePolicy(
    idOrName: string,
    input: UpdateEscalationPolicyRequest,
    credentials: BackstageCredentials,
  ) {
    const { authorizer, input: check } = this.deps;
    const current = await this.getPolicy(idOrName, credentials);
    await authorizer.authorizeUpdate(
      {
        kind: 'escalation-policy',
        id: current.id,
        ownerRef: current.ownerRef,
      },
      credentials,
    );
    const moving = await authorizer.authorizeMove(
      current.ownerRef,
      input.ownerRef,
      credentials,
    );
    if (input.isDefault && !moving) {
      // Making a policy its team's default changes who that team pages: as much as creating one.
      await authorizer.authorizeManageOwner(
        current.ownerRef,
        'isDefault',
        credentials,
      );
    }
    if (input.name !== undefined && !input.name.trim()) {
      throw new InputError('name: must not be empty');
    }
    failOnProblems(
      findEscalationPolicyProblems({
        levels: input.levels ?? current.levels,
        repeat: input.repeat ?? current.repeat,
      }),
    );
    return this.deps.store.updatePolicy(
      current.id,
      input.version,
      {
        name: input.name?.trim(),
        ownerRef: input.ownerRef
          ? await check.requireGroup(input.ownerRef, 'ownerRef', credentials)
          : undefined,
        levels:
          input.levels && (await check.checkTargets(input.levels, credentials)),
        repeat: input.repeat,
        // A policy is only ever its own team's default: one that moves is not the new team's.
        isDefault: input.isDefault ?? (moving ? false : undefined),
      },
      this.deps.now(),
    );
  }

  async deletePolicy(idOrName: string, credentials: BackstageCredentials) {
    const current = await this.getPolicy(idOrName, credentials);
    await this.deps.authorizer.authorizeUpdate(
      {
        kind: 'escalation-policy',
        id: current.id,
        ownerRef: current.ownerRef,
      },
      credentials,
    );
    await this.deps.store.deletePolicy(current.id);
  }
}
