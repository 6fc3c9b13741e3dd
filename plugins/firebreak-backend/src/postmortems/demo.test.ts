import request from 'supertest';
import {
  as,
  startFirebreak,
  users,
} from '../__testUtils__/firebreakTestBackend';
import { testDatabases } from '../__testUtils__/testDatabases';

jest.setTimeout(120_000);

const databases = testDatabases();

describe.each(databases.eachSupportedId())('demo postmortems on %s', id => {
  it('publishes those of closed major incidents, puts one in review and leaves one overdue draft, once', async () => {
    const knex = await databases.init(id);
    const config = { firebreak: { demoData: { enabled: true } } };
    const { server } = await startFirebreak({ knex, config });

    const majors = await knex('firebreak_incidents')
      .whereIn('severity', ['SEV1', 'SEV2'])
      .whereIn('status', ['resolved', 'closed'])
      .select('id', 'status');
    const postmortems = await knex('firebreak_postmortems').select(
      'id',
      'incident_id',
      'status',
    );
    // One more: a minor incident reviewed of the team's own accord.
    expect(postmortems).toHaveLength(majors.length + 1);
    const inReview = postmortems.filter(p => p.status === 'in_review');
    expect(inReview).toHaveLength(1);
    const statusOf = (incidentId: string) =>
      postmortems.find(p => p.incident_id === incidentId)?.status;
    for (const incident of majors.filter(i => i.status === 'closed')) {
      expect(statusOf(incident.id)).toBe('published');
    }
    const unclosed = majors
      .filter(i => i.status === 'resolved')
      .map(i => statusOf(i.id));
    expect(unclosed.length).toBeGreaterThan(0);
    expect(unclosed.every(s => s === 'draft')).toBe(true);

    // Through the API: the oldest draft is overdue, the published ones are on their timelines.
    const draft = (await knex('firebreak_postmortems')
      .where({ status: 'draft' })
      .orderBy('due_at')
      .first('id'))!;
    const read = await request(server)
      .get(`/api/firebreak/postmortems/${draft.id}`)
      .set('Authorization', as(users.viewer));
    expect(read.body.overdue).toBe(true);
    const published = postmortems.find(p => p.status === 'published')!;
    const timeline = await request(server)
      .get(`/api/firebreak/incidents/${published.incident_id}/timeline`)
      .set('Authorization', as(users.viewer));
    expect(timeline.body.items.map((e: any) => e.type)).toContain(
      'postmortem_published',
    );

    // The one in review also covers an earlier occurrence of its incident.
    const reviewed = await request(server)
      .get(`/api/firebreak/postmortems/${inReview[0].id}`)
      .set('Authorization', as(users.viewer));
    expect(reviewed.body.alsoCovers).toHaveLength(1);
    expect(reviewed.body.alsoCovers[0].title).toBe(
      reviewed.body.incident.title,
    );

    await startFirebreak({ knex, config });
    expect(await knex('firebreak_postmortems').select('id')).toHaveLength(
      postmortems.length,
    );
  });
});
