import { firebreakPermissions } from '../permissions';
import {
  firebreakRunbookCreatePermission,
  firebreakRunbookReadPermission,
  firebreakRunbookUpdatePermission,
  runbookOwnerResourceRef,
} from './permissions';

describe('runbookOwnerResourceRef', () => {
  it.each([
    ['group:default/payments', 'owner:group:default/payments'],
    ['Payments', 'owner:group:default/payments'],
    ['Group:Other/Platform', 'owner:group:other/platform'],
  ])('%s → %s', (ownerRef, expected) => {
    expect(runbookOwnerResourceRef(ownerRef)).toBe(expected);
  });

  it('throws on what is not an entity ref', () => {
    expect(() => runbookOwnerResourceRef('')).toThrow();
  });
});

describe('runbook permissions', () => {
  it('are among every Firebreak permission, create and update on runbooks', () => {
    expect(firebreakPermissions).toEqual(
      expect.arrayContaining([
        firebreakRunbookReadPermission,
        firebreakRunbookCreatePermission,
        firebreakRunbookUpdatePermission,
      ]),
    );
    expect(firebreakRunbookReadPermission.type).toBe('basic');
    expect(
      [firebreakRunbookCreatePermission, firebreakRunbookUpdatePermission].map(
        p => p.type === 'resource' && p.resourceType,
      ),
    ).toEqual(['firebreak-runbook', 'firebreak-runbook']);
  });
});
