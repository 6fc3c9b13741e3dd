import { checkActionItemTransition } from './status';
import { ActionItemStatus } from './types';

describe('checkActionItemTransition', () => {
  it.each<[ActionItemStatus, ActionItemStatus]>([
    ['open', 'in_progress'],
    ['open', 'done'],
    ['open', 'wont_do'],
    ['in_progress', 'done'],
    ['in_progress', 'wont_do'],
    ['in_progress', 'open'],
    ['done', 'open'],
    ['wont_do', 'open'],
  ])('%s → %s is allowed', (from, to) => {
    expect(checkActionItemTransition(from, to)).toEqual({ allowed: true });
  });

  it.each<[ActionItemStatus, ActionItemStatus, RegExp]>([
    ['open', 'open', /already open/],
    ['done', 'done', /already done/],
    ['done', 'in_progress', /done may only move to open/],
    ['done', 'wont_do', /done may only move to open/],
    ['wont_do', 'done', /wont_do may only move to open/],
  ])('%s → %s is refused', (from, to, reason) => {
    const result = checkActionItemTransition(from, to);
    expect(result.allowed).toBe(false);
    expect(!result.allowed && result.reason).toMatch(reason);
  });
});
