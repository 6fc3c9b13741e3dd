import { describeStatusTransition, IncidentStatus } from './status';

describe('describeStatusTransition', () => {
  it.each<[IncidentStatus, IncidentStatus, string]>([
    ['triage', 'investigating', 'forward'],
    ['investigating', 'identified', 'forward'],
    ['identified', 'monitoring', 'forward'],
    ['monitoring', 'resolved', 'forward'],
    ['resolved', 'closed', 'forward'],
    ['investigating', 'resolved', 'forward'],
    ['triage', 'declined', 'decline'],
    ['resolved', 'investigating', 'reopen'],
    ['closed', 'investigating', 'reopen'],
    ['monitoring', 'identified', 'reopen'],
    ['declined', 'triage', 'reopen'],
    ['declined', 'investigating', 'reopen'],
  ])('%s → %s is allowed as %s', (from, to, kind) => {
    expect(describeStatusTransition(from, to)).toEqual({ allowed: true, kind });
  });

  it.each<[IncidentStatus, IncidentStatus, RegExp]>([
    ['investigating', 'investigating', /already investigating/],
    ['investigating', 'declined', /only an incident in triage/],
    ['resolved', 'declined', /only an incident in triage/],
    ['declined', 'resolved', /reopened into triage or investigating/],
    ['declined', 'closed', /reopened into triage or investigating/],
  ])('%s → %s is refused', (from, to, reason) => {
    const transition = describeStatusTransition(from, to);
    expect(transition.allowed).toBe(false);
    expect(!transition.allowed && transition.reason).toMatch(reason);
  });
});
