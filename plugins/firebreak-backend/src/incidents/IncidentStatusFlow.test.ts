import { InputError } from '@backstage/errors';
import { Incident, IncidentStatus } from '@firebreak/backstage-plugin-common';
import { statusChange, statusTimestamps } from './IncidentStatusFlow';

const now = new Date('2026-03-01T12:00:00.000Z');
const earlier = '2026-03-01T10:00:00.000Z';

function incident(
  status: IncidentStatus,
  times: Partial<Pick<Incident, 'mitigatedAt' | 'resolvedAt' | 'closedAt'>>,
) {
  return { status, ...times } as Incident;
}

describe('statusTimestamps', () => {
  it.each([
    ['investigating → monitoring', 'monitoring', {}, { mitigatedAt: now }],
    [
      'monitoring → monitoring keeps mitigation',
      'monitoring',
      { mitigatedAt: earlier },
      {},
    ],
    [
      'monitoring → identified clears mitigation',
      'identified',
      { mitigatedAt: earlier },
      { mitigatedAt: null },
    ],
    [
      'resolved → investigating reopens',
      'investigating',
      { mitigatedAt: earlier, resolvedAt: earlier },
      { mitigatedAt: null, resolvedAt: null },
    ],
    [
      'closed → triage reopens',
      'triage',
      { mitigatedAt: earlier, resolvedAt: earlier, closedAt: earlier },
      { mitigatedAt: null, resolvedAt: null, closedAt: null },
    ],
    [
      'investigating → resolved',
      'resolved',
      {},
      { resolvedAt: now, mitigatedAt: now },
    ],
    [
      'monitoring → resolved keeps mitigation',
      'resolved',
      { mitigatedAt: earlier },
      { resolvedAt: now },
    ],
    [
      'closed → resolved clears closing',
      'resolved',
      { mitigatedAt: earlier, resolvedAt: earlier, closedAt: earlier },
      { resolvedAt: now, closedAt: null },
    ],
    [
      'investigating → closed',
      'closed',
      {},
      { closedAt: now, resolvedAt: now, mitigatedAt: now },
    ],
    [
      'resolved → closed',
      'closed',
      { mitigatedAt: earlier, resolvedAt: earlier },
      { closedAt: now },
    ],
    ['triage → declined', 'declined', {}, { closedAt: now }],
  ] as const)('%s', (_name, to, times, expected) => {
    expect(statusTimestamps(incident('triage', times), to, now)).toEqual(
      expected,
    );
  });
});

describe('statusChange', () => {
  it('records a forward move with its timestamps', () => {
    expect(
      statusChange(
        incident('investigating', {}),
        'monitoring',
        'user:default/alice.nguyen',
        now,
      ),
    ).toEqual({
      changes: { status: 'monitoring', mitigatedAt: now },
      event: {
        type: 'status_changed',
        actorRef: 'user:default/alice.nguyen',
        at: now.toISOString(),
        data: { from: 'investigating', to: 'monitoring', reopened: false },
      },
    });
  });

  it('marks a move back as a reopening', () => {
    const { event } = statusChange(
      incident('resolved', { mitigatedAt: earlier, resolvedAt: earlier }),
      'investigating',
      'user:default/alice.nguyen',
      now,
    );
    expect(event.data).toEqual({
      from: 'resolved',
      to: 'investigating',
      reopened: true,
    });
  });

  it('refuses a move the status flow does not allow, naming the field', () => {
    expect(() =>
      statusChange(
        incident('investigating', {}),
        'declined',
        'user:default/alice.nguyen',
        now,
      ),
    ).toThrow(
      new InputError(
        'status: only an incident in triage can be declined, this one is investigating',
      ),
    );
  });
});
