import { Knex } from 'knex';
import {
  AskedPermission,
  startFirebreak,
  tickingClock,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { postmortemRequests } from '../__testUtils__/postmortemRequests';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

const paymentsApi = 'component:default/payments-api';
const ledger = 'component:default/ledger';
const checkout = 'component:default/checkout';

describe.each(databases.eachSupportedId())(
  'one postmortem covering several incidents on %s',
  id => {
    let knex: Knex;
    beforeAll(async () => {
      knex = await databases.init(id);
    });

    /** A backend whose clock moves a second on every reading, so events keep their order. */
    async function start(deny?: (asked: AskedPermission) => boolean) {
      const started = await startFirebreak({
        knex,
        now: tickingClock('2026-06-03T12:00:00.000Z'),
        deny,
      });
      return { ...started, pm: postmortemRequests(started.server) };
    }

    it('attaches an incident without a postmortem, answers it for either incident, and detaches it', async () => {
      const { pm, sent } = await start();
      const primary = await pm.declare({
        title: 'Card payments fail',
        severity: 'SEV3',
        entityRefs: [paymentsApi],
      });
      const other = await pm.declare({
        title: 'Ledger writes fail',
        severity: 'SEV3',
        entityRefs: [ledger],
      });
      await pm.note(other.ref, 'Ledger disk full');
      const { body: created } = await pm.start(primary.id);
      expect(created.coveredIncidentIds).toEqual([primary.id]);
      expect(created.alsoCovers).toEqual([]);

      const refusals: [object, string | undefined, number, RegExp][] = [
        [{ incidentRef: 'INC-9999', version: 1 }, undefined, 404, /INC-9999/],
        [{ incidentRef: other.ref, version: 7 }, undefined, 409, /stale/],
        [{ incidentRef: primary.ref, version: 1 }, undefined, 409, /already/],
        [{ incidentRef: '', version: 1 }, undefined, 400, /^incidentRef:/],
        [{ incidentRef: other.ref }, undefined, 400, /^version:/],
        [{ incidentRef: other.ref, version: 1 }, users.viewer, 403, /update/],
      ];
      for (const [body, user, status, message] of refusals) {
        const res = await pm.attach(created.id, body as any, user);
        expect([res.status, res.body.error?.message]).toEqual([
          status,
          expect.stringMatching(message),
        ]);
      }
      expect((await pm.get(created.id)).body.version).toBe(1);

      sent.signals.length = 0;
      const attached = await pm.attach(created.id, {
        incidentRef: other.ref,
        version: 1,
      });
      expect(attached.status).toBe(201);
      expect(attached.body).toMatchObject({
        version: 2,
        incidentId: primary.id,
        coveredIncidentIds: [primary.id, other.id],
        alsoCovers: [
          {
            id: other.id,
            ref: other.ref,
            title: 'Ledger writes fail',
            severity: 'SEV3',
            status: other.status,
          },
        ],
        // The durations stay the primary incident's.
        milestones: { declared: primary.declaredAt },
      });
      // Both timelines, merged in time order, are there to star from.
      const timeline = attached.body.timeline as any[];
      expect(timeline.map(e => [e.incidentId, e.type])).toEqual([
        [primary.id, 'declared'],
        [other.id, 'declared'],
        [other.id, 'note'],
      ]);
      // The other incident's open page hears of it too.
      expect(sent.signals).toContainEqual(
        expect.objectContaining({
          channel: `firebreak:incident:${other.id}`,
          message: { kind: 'postmortem', incidentId: other.id },
        }),
      );

      const again = await pm.attach(created.id, {
        incidentRef: other.id,
        version: 2,
      });
      expect([again.status, again.body.error.message]).toEqual([
        409,
        `incidentRef: the postmortem already covers ${other.ref}`,
      ]);
      const viaOther = await pm.ofIncident(other.ref, users.viewer);
      expect(viaOther.status).toBe(200);
      expect(viaOther.body.id).toBe(created.id);
      const second = await pm.start(other.id);
      expect(second.status).toBe(409);

      const noteId = timeline[2].id;
      const starred = await pm.patch(created.id, {
        version: 2,
        starredEventIds: [timeline[0].id, noteId],
      });
      expect(starred.status).toBe(200);
      const markdown = (await pm.exportMarkdown(created.id)).text;
      expect(markdown).toContain(
        `- Also covers: ${other.ref} Ledger writes fail (SEV3)`,
      );
      expect(markdown).toContain(`| ${other.ref}: Ledger disk full |`);

      const third = await pm.declare({
        title: 'Refunds slow',
        severity: 'SEV3',
        entityRefs: [paymentsApi],
      });
      await pm.start(third.id);
      const owned = await pm.attach(created.id, {
        incidentRef: third.ref,
        version: 3,
      });
      expect([owned.status, owned.body.error.message]).toEqual([
        409,
        expect.stringContaining(`${third.ref} has a postmortem already`),
      ]);

      expect((await pm.detach(created.id, primary.ref)).status).toBe(409);
      expect((await pm.detach(created.id, third.ref)).status).toBe(404);
      expect((await pm.detach(created.id, 'INC-9999')).status).toBe(404);
      expect(
        (await pm.detach(created.id, other.ref, users.viewer)).status,
      ).toBe(403);
      const detached = await pm.detach(created.id, other.ref);
      expect(detached.status).toBe(200);
      expect(detached.body).toMatchObject({
        version: 4,
        coveredIncidentIds: [primary.id],
        alsoCovers: [],
        // The other incident's starred note went with it.
        starredEventIds: [timeline[0].id],
      });
      expect((await pm.ofIncident(other.ref)).status).toBe(404);
    });

    it("refuses to cover another team's incident, or let it go, without the right to its postmortem", async () => {
      const storefront = new Set<string>();
      const { pm } = await start(
        asked =>
          asked.permission === 'firebreak.postmortem.update' &&
          storefront.has(asked.resourceRef ?? ''),
      );
      const ours = await pm.declare({
        title: 'Payments slow',
        severity: 'SEV3',
        entityRefs: [paymentsApi],
      });
      const theirs = await pm.declare({
        title: 'Checkout slow',
        severity: 'SEV3',
        entityRefs: [checkout],
      });
      const { body: created } = await pm.start(ours.id);
      storefront.add(theirs.id);

      const refused = await pm.attach(created.id, {
        incidentRef: theirs.ref,
        version: 1,
      });
      expect([refused.status, refused.body.error.message]).toEqual([
        403,
        `You may not update the postmortem of ${theirs.ref}`,
      ]);
      expect((await pm.get(created.id)).body).toMatchObject({
        version: 1,
        coveredIncidentIds: [ours.id],
      });

      // Attached while allowed; once the right is gone, it cannot be detached either.
      storefront.delete(theirs.id);
      expect(
        (await pm.attach(created.id, { incidentRef: theirs.ref, version: 1 }))
          .status,
      ).toBe(201);
      storefront.add(theirs.id);
      expect((await pm.detach(created.id, theirs.ref)).status).toBe(403);
      expect((await pm.get(created.id)).body.coveredIncidentIds).toEqual([
        ours.id,
        theirs.id,
      ]);
    });

    it('holds every covered incident open until it is published, and records publishing on each', async () => {
      const { pm, sent } = await start();
      const primary = await pm.declare({
        title: 'Payments down',
        severity: 'SEV3',
        entityRefs: [paymentsApi],
      });
      const other = await pm.declare({
        title: 'Ledger down',
        severity: 'SEV2',
        entityRefs: [ledger],
      });
      await pm.patchIncident(other.id, {
        version: 1,
        subscribers: [users.viewer],
      });
      const { body: created } = await pm.start(primary.id);
      await pm.attach(created.id, { incidentRef: other.ref, version: 1 });

      // Resolving the covered SEV2 starts no postmortem of its own.
      await pm.patchIncident(other.id, { version: 2, status: 'resolved' });
      expect(
        await knex('firebreak_postmortems').where({ incident_id: other.id }),
      ).toEqual([]);
      const refused = await pm.patchIncident(other.id, {
        version: 3,
        status: 'closed',
      });
      expect([refused.status, refused.body.error.message]).toEqual([
        409,
        `status: ${other.ref} cannot be closed until the postmortem of ${primary.ref} that covers it is published or waived (SEV2 incidents require one); it is draft`,
      ]);

      await pm.patch(created.id, { version: 2, status: 'in_review' });
      await pm.approve(created.id, 3, users.bob);
      const published = await pm.patch(created.id, {
        version: 4,
        status: 'published',
      });
      expect(published.status).toBe(200);
      for (const incident of [primary, other]) {
        expect(
          (await pm.timeline(incident.id))
            .filter(e => e.type === 'postmortem_published')
            .map(e => e.data),
        ).toEqual([{ postmortemId: created.id }]);
      }
      // The covered incident's subscribers hear of it too.
      expect(
        sent.notifications.find(n =>
          n.payload.title.startsWith('Postmortem published'),
        )?.recipients,
      ).toMatchObject({ entityRef: expect.arrayContaining([users.viewer]) });

      // Published: what it covers is settled until it is reopened.
      const third = await pm.declare({
        title: 'Refunds down',
        severity: 'SEV3',
        entityRefs: [paymentsApi],
      });
      const late = await pm.attach(created.id, {
        incidentRef: third.ref,
        version: 5,
      });
      expect([late.status, late.body.error.message]).toEqual([
        409,
        expect.stringMatching(/published: reopen it/),
      ]);
      expect((await pm.detach(created.id, other.ref)).status).toBe(409);

      const closed = await pm.patchIncident(other.id, {
        version: 3,
        status: 'closed',
      });
      expect(closed.status).toBe(200);
    });

    it('gives existing postmortems their own incident when migrating up, and forgets attachments going down', async () => {
      const { pm } = await start();
      const primary = await pm.declare({
        title: 'Payments flaky',
        severity: 'SEV3',
        entityRefs: [paymentsApi],
      });
      const other = await pm.declare({
        title: 'Ledger flaky',
        severity: 'SEV3',
        entityRefs: [ledger],
      });
      const { body: created } = await pm.start(primary.id);
      await pm.attach(created.id, { incidentRef: other.ref, version: 1 });
      const migrations = {
        tableName: 'firebreak_knex_migrations',
        directory: `${__dirname}/../../migrations`,
      };
      const covered = () =>
        knex('firebreak_postmortem_incidents')
          .where({ postmortem_id: created.id })
          .orderBy('incident_id')
          .pluck('incident_id');

      // This migration's own down, whatever migrations came after it.
      await knex.migrate.down({
        ...migrations,
        name: '20261210000000_postmortem_incidents.js',
      });
      expect(await knex.schema.hasTable('firebreak_postmortem_incidents')).toBe(
        false,
      );
      expect(
        await knex('firebreak_postmortems').where({ id: created.id }),
      ).toHaveLength(1);
      await knex.migrate.up(migrations);
      expect(await covered()).toEqual([primary.id]);
      expect((await pm.get(created.id)).body.coveredIncidentIds).toEqual([
        primary.id,
      ]);
    });
  },
);
