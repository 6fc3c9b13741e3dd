import { Knex } from 'knex';
import request from 'supertest';
import { as, startFirebreak, users } from './firebreakTestBackend';

/** Declares an incident as a user (alice unless named), with extra headers if given. */
export const declare = (
  server: any,
  body: object,
  user: string = users.alice,
  headers: Record<string, string> = {},
) =>
  request(server)
    .post('/api/firebreak/incidents')
    .set('Authorization', as(user))
    .set(headers)
    .send(body);

/** A SEV2 on the payments API. */
export const sev2 = {
  title: 'Elevated 5xx from payments API',
  severity: 'SEV2',
  entityRefs: ['component:default/payments-api'],
};

/**
 * A backend whose clock the test moves by whole minutes, with helpers to declare SEV3s at that
 * time and to page through a list, answering each page's titles.
 */
export async function startWithClock(knex: Knex) {
  let instant = new Date('2026-10-01T00:00:00Z');
  const { server } = await startFirebreak({ knex, now: () => instant });
  return {
    server,
    at: (minute: number) => {
      instant = new Date(Date.parse('2026-10-01T00:00:00Z') + minute * 60_000);
    },
    make: async (title: string, entityRefs: string[]) =>
      (await declare(server, { title, severity: 'SEV3', entityRefs })).body,
    pageThrough: async (query: object, limit: number) => {
      const pages: string[][] = [];
      let cursor: string | undefined;
      do {
        const res = await request(server)
          .get('/api/firebreak/incidents')
          .query({ ...query, limit, ...(cursor ? { cursor } : {}) })
          .set('Authorization', as(users.viewer));
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        pages.push(res.body.items.map((i: any) => i.title));
        cursor = res.body.nextCursor;
      } while (cursor);
      return pages;
    },
  };
}

/** Titles of incidents in list order for ones declared at the same instant: by id, descending. */
export const byIdDesc = (items: { id: string; title: string }[]) =>
  [...items].sort((x, y) => (x.id < y.id ? 1 : -1)).map(i => i.title);
