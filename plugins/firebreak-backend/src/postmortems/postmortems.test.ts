import { Knex } from 'knex';
import { startFirebreak, users } from '../__testUtils__/firebreakTestBackend';
import { DEFAULT_POSTMORTEM_TEMPLATE } from '../config/PostmortemSettings';
import { postmortemRequests } from '../__testUtils__/postmortemRequests';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

describe.each(databases.eachSupportedId())('postmortems API on %s', id => {
  let knex: Knex;
  beforeAll(async () => {
    knex = await databases.init(id);
  });

  it('starts one postmortem per incident from the template, owned by the commander', async () => {
    const { server, sent } = await startFirebreak({ knex });
    const pm = postmortemRequests(server);
    const incident = await pm.declare({
      title: 'Ledger writes fail',
      severity: 'SEV3',
      entityRefs: ['component:default/ledger'],
    });
    // Alice declared it; Bob took command.
    expect(
      (
        await pm.patchIncident(incident.id, {
          version: 1,
          roles: { commander: users.bob },
        })
      ).status,
    ).toBe(200);

    expect((await pm.ofIncident(incident.ref)).status).toBe(404);
    expect((await pm.start(incident.id, users.viewer)).status).toBe(403);

    const started = await pm.start(incident.ref);
    expect(started.status).toBe(201);
    expect(started.body).toMatchObject({
      incidentId: incident.id,
      incidentRef: incident.ref,
      status: 'draft',
      required: false,
      ownerRef: users.bob,
      ownerGroupRef: 'group:default/payments',
      approvalsRequired: 1,
      version: 1,
      incident: { ref: incident.ref, severity: 'SEV3' },
      milestones: { declared: incident.declaredAt, resolved: null },
      overdue: false,
    });
    // SEV3 has no due rule; the sections are the template's, five whys where it offers them.
    expect(started.body.dueAt).toBeUndefined();
    expect(started.body.sections.map((s: any) => s.id)).toEqual(
      DEFAULT_POSTMORTEM_TEMPLATE.map(s => s.id),
    );
    expect(
      started.body.sections.find((s: any) => s.id === 'contributing-factors'),
    ).toMatchObject({ whys: [] });
    expect(started.body.timeline[0].type).toBe('declared');
    // The owner hears of it; the page's signal goes out.
    expect(
      sent.notifications.some(
        n =>
          (n.recipients as any).entityRef.includes(users.bob) &&
          n.payload.title === `Postmortem to write: ${incident.ref}`,
      ),
    ).toBe(true);
    expect(sent.signals).toContainEqual(
      expect.objectContaining({
        channel: `firebreak:incident:${incident.id}`,
        message: { kind: 'postmortem', incidentId: incident.id },
      }),
    );

    const again = await pm.start(incident.id);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already has a postmortem/);

    const byIncident = await pm.ofIncident(incident.ref, users.viewer);
    expect(byIncident.status).toBe(200);
    expect(byIncident.body.id).toBe(started.body.id);
    expect((await pm.get(started.body.id, users.viewer)).status).toBe(200);
    expect((await pm.get(started.body.id, users.mallory)).status).toBe(403);
    expect((await pm.get('00000000-0000-4000-8000-000000000000')).status).toBe(
      404,
    );
    expect((await pm.get('not-an-id')).status).toBe(404);
  });

  it('edits against the version read, checks what it names, and refuses stale saves', async () => {
    const { server } = await startFirebreak({ knex });
    const pm = postmortemRequests(server);
    const incident = await pm.declare();
    const { body: created } = await pm.start(incident.id);
    const [declared] = await pm.timeline(incident.id);

    const sections = created.sections.map((s: any) =>
      s.id === 'summary'
        ? { ...s, body: 'Card payments failed for **12 min**.' }
        : s,
    );
    const edited = await pm.patch(created.id, {
      version: 1,
      sections,
      starredEventIds: [declared.id],
      ownerRef: 'user:default/bob',
      reviewerRefs: [users.alice],
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({
      version: 2,
      starredEventIds: [declared.id],
      ownerRef: users.bob,
      reviewerRefs: [users.alice],
    });
    expect(edited.body.sections[0].body).toBe(
      'Card payments failed for **12 min**.',
    );

    // Someone saving on what they read before that edit reloads rather than overwrites.
    const stale = await pm.patch(created.id, {
      version: 1,
      sections: created.sections,
    });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/version 1 is stale/);

    const cases: [object, string][] = [
      [{ starredEventIds: ['nope'] }, 'starredEventIds[0]:'],
      [{ ownerRef: 'group:default/payments' }, 'ownerRef:'],
      [{ reviewerRefs: ['user:default/ghost'] }, 'reviewerRefs[0]:'],
      [{ status: 'published' }, 'status:'],
      [{ status: 'waived' }, 'waiverReason:'],
      [{ sections: [] }, 'sections:'],
      [{ sections: [sections[0], sections[0]] }, 'sections[1].id:'],
      [{ waiverReason: 'nothing to learn' }, 'waiverReason:'],
    ];
    for (const [body, field] of cases) {
      const res = await pm.patch(created.id, { version: 2, ...body });
      expect([res.status, res.body.error.message]).toEqual([
        400,
        expect.stringMatching(
          new RegExp(`^${field.replace(/[[\]]/g, '\\$&')}`),
        ),
      ]);
    }
    expect(
      (
        await pm.patch(
          created.id,
          { version: 2, status: 'in_review' },
          users.viewer,
        )
      ).status,
    ).toBe(403);
    const after = await pm.get(created.id);
    expect(after.body.version).toBe(2);
  });

  it('publishes after an approval by someone other than the owner, on the timeline, read-only until reopened', async () => {
    const { server, sent } = await startFirebreak({ knex });
    const pm = postmortemRequests(server);
    const incident = await pm.declare({
      title: 'Cart empties itself',
      severity: 'SEV3',
      entityRefs: ['component:default/payments-api'],
    });
    await pm.patchIncident(incident.id, {
      version: 1,
      subscribers: [users.viewer],
    });
    const { body: created } = await pm.start(incident.id);

    expect((await pm.approve(created.id, 1)).status).toBe(409); // still a draft
    const review = await pm.patch(created.id, {
      version: 1,
      status: 'in_review',
    });
    expect(review.status).toBe(200);
    // No reviewers named: the owning team is asked.
    expect(
      sent.notifications.find(n =>
        n.payload.title.startsWith('Postmortem to review'),
      )?.recipients,
    ).toMatchObject({ entityRef: ['group:default/payments'] });

    const early = await pm.patch(created.id, {
      version: 2,
      status: 'published',
    });
    expect(early.status).toBe(409);
    expect(early.body.error.message).toMatch(/needs 1 approval/);

    const own = await pm.approve(created.id, 2, users.alice);
    expect(own.status).toBe(403);
    expect(own.body.error.message).toMatch(/someone else must approve/);
    expect((await pm.approve(created.id, 2, users.viewer)).status).toBe(403);
    const approved = await pm.approve(created.id, 2, users.bob);
    expect(approved.status).toBe(201);
    expect(approved.body.approvals).toEqual([
      { approverRef: users.bob, approvedAt: expect.any(String) },
    ]);
    expect((await pm.approve(created.id, 3, users.bob)).status).toBe(200);

    const published = await pm.patch(created.id, {
      version: 4,
      status: 'published',
    });
    expect(published.status).toBe(200);
    expect(published.body.publishedAt).toEqual(expect.any(String));
    expect((await pm.timeline(incident.id)).map(e => e.type)).toContain(
      'postmortem_published',
    );
    expect(
      sent.notifications.find(n =>
        n.payload.title.startsWith('Postmortem published'),
      )?.recipients,
    ).toMatchObject({ entityRef: expect.arrayContaining([users.viewer]) });

    const locked = await pm.patch(created.id, {
      version: 5,
      sections: created.sections,
    });
    expect(locked.status).toBe(409);
    expect(locked.body.error.message).toMatch(/read-only/);

    const reopened = await pm.patch(created.id, {
      version: 5,
      status: 'draft',
    });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'draft', approvals: [] });
    expect(reopened.body.publishedAt).toBeUndefined();
    const types = (await pm.timeline(incident.id)).map(e => e.type);
    expect(types.slice(-2)).toEqual([
      'postmortem_published',
      'postmortem_reopened',
    ]);
  });

  it('exports Markdown with the sections, the durations and the starred events', async () => {
    const { server } = await startFirebreak({ knex });
    const pm = postmortemRequests(server);
    const incident = await pm.declare();
    const { body: created } = await pm.start(incident.id);
    const [declared] = await pm.timeline(incident.id);
    await pm.patch(created.id, {
      version: 1,
      starredEventIds: [declared.id],
      sections: [
        { id: 'summary', title: 'Summary', body: 'Cards | failed' },
        {
          id: 'contributing-factors',
          title: 'Contributing factors',
          body: 'A deploy.',
          whys: ['Why?', 'Because.'],
        },
      ],
    });
    const res = await pm.exportMarkdown(created.id);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/markdown/);
    expect(res.text).toContain(
      `# Postmortem: ${incident.ref} ${incident.title}`,
    );
    expect(res.text).toContain('## Summary\n\nCards | failed');
    expect(res.text).toContain('### Five whys\n\n1. Why?\n2. Because.');
    expect(res.text).toContain('| impactStarted | declared |');
    expect(res.text).toContain(
      `| Declared: ${incident.title} | ${users.alice} |`,
    );
    expect((await pm.exportMarkdown(created.id, users.mallory)).status).toBe(
      403,
    );

    // The postmortem itself answers the same Markdown to a client that asks for it.
    const negotiated = await pm.getAccepting(created.id, 'text/markdown');
    expect(negotiated.status).toBe(200);
    expect(negotiated.headers['content-type']).toMatch(/^text\/markdown/);
    expect(negotiated.headers.vary).toMatch(/Accept/);
    expect(negotiated.text).toBe(res.text);
    for (const accept of [
      'application/json',
      '*/*',
      'text/html',
      'application/json, text/markdown;q=0.5',
    ]) {
      const json = await pm.getAccepting(created.id, accept);
      expect([accept, json.headers['content-type']]).toEqual([
        accept,
        expect.stringMatching(/^application\/json/),
      ]);
      expect(json.body.id).toBe(created.id);
    }
    expect(
      (await pm.getAccepting(created.id, 'text/markdown', users.mallory))
        .status,
    ).toBe(403);
  });
});
