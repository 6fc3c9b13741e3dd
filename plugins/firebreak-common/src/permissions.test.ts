import {
  FIREBREAK_INCIDENT_RESOURCE_TYPE,
  firebreakPermissions,
  onCallOwnerResourceRef,
} from './permissions';
import {
  firebreakActionItemCreatePermission,
  firebreakActionItemUpdatePermission,
} from './actionItems/permissions';

describe('onCallOwnerResourceRef', () => {
  it.each([
    ['group:default/storefront', 'owner:group:default/storefront'],
    ['Storefront', 'owner:group:default/storefront'],
    ['group:Payments', 'owner:group:default/payments'],
    ['Group:Other/Platform', 'owner:group:other/platform'],
  ])('%s → %s', (ownerRef, expected) => {
    expect(onCallOwnerResourceRef(ownerRef)).toBe(expected);
  });

  it('throws on what is not an entity ref', () => {
    expect(() => onCallOwnerResourceRef('')).toThrow();
  });
});

describe('action item permissions', () => {
  it('authorizes creating against incidents', () => {
    expect(firebreakActionItemCreatePermission.resourceType).toBe(
      FIREBREAK_INCIDENT_RESOURCE_TYPE,
    );
    expect(firebreakPermissions).toContain(firebreakActionItemUpdatePermission);
  });
});
