import { PostmortemDetails } from '@firebreak/backstage-plugin-common';
import { testIncident } from './mockFirebreakApi';

/** A resolved incident's postmortem in draft, owned by Bob, with two events to star. */
export function testPostmortem(
  overrides: Partial<PostmortemDetails> = {},
): PostmortemDetails {
  return {
    id: 'pm-1',
    incidentId: testIncident.id,
    incidentRef: testIncident.ref,
    status: 'draft',
    required: true,
    ownerRef: 'user:default/bob',
    reviewerRefs: [],
    sections: [
      { id: 'summary', title: 'Summary', body: 'The ledger **stalled**.' },
      { id: 'impact', title: 'Impact', body: '' },
    ],
    starredEventIds: ['ev-1'],
    approvals: [],
    approvalsRequired: 1,
    dueAt: new Date(Date.now() + 3 * 24 * 3600_000 + 60_000).toISOString(),
    createdAt: '2026-11-20T12:00:00.000Z',
    updatedAt: '2026-11-20T12:00:00.000Z',
    version: 4,
    coveredIncidentIds: [testIncident.id],
    incident: {
      id: testIncident.id,
      ref: testIncident.ref,
      title: testIncident.title,
      severity: 'SEV2',
      status: 'resolved',
      entityRefs: testIncident.entityRefs,
    },
    milestones: {
      impactStarted: '2026-11-20T10:00:00.000Z',
      detected: null,
      declared: '2026-11-20T10:05:00.000Z',
      firstPaged: null,
      acknowledged: null,
      mitigated: null,
      resolved: '2026-11-20T11:05:00.000Z',
    },
    alsoCovers: [],
    runbooksUsed: [],
    keyDurations: [
      { from: 'impactStarted', to: 'declared', seconds: 300 },
      { from: 'declared', to: 'resolved', seconds: 3600 },
      { from: 'impactStarted', to: 'resolved', seconds: 3900 },
    ],
    timeline: [
      {
        id: 'ev-1',
        incidentId: testIncident.id,
        type: 'note',
        at: '2026-11-20T10:10:00.000Z',
        actorRef: 'user:default/alice',
        data: { text: 'Ledger writes are failing' },
      },
      {
        id: 'ev-2',
        incidentId: testIncident.id,
        type: 'note',
        at: '2026-11-20T10:20:00.000Z',
        actorRef: 'user:default/alice',
        data: { text: 'Rolled back the release' },
      },
    ] as PostmortemDetails['timeline'],
    overdue: false,
    ...overrides,
  };
}
