import { mockApis } from '@backstage/test-utils';
import { FirebreakClient } from './FirebreakClient';

describe('FirebreakClient', () => {
  it('sends every list filter as a query parameter', async () => {
    const fetch = jest.fn(async (_url: string) => ({
      ok: true,
      json: async () => ({ items: [] }),
    }));
    const client = new FirebreakClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage' }),
      fetchApi: { fetch } as any,
    });

    await client.listIncidents({
      entityRef: 'system:default/payments',
      status: ['resolved', 'closed'],
      severity: ['SEV1'],
      q: 'ledger',
      from: '2026-11-01T04:00:00.000Z',
      to: '2026-12-01T05:00:00.000Z',
      limit: 10,
      cursor: 'abc',
    });

    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/firebreak/incidents');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      entityRef: 'system:default/payments',
      status: 'resolved,closed',
      severity: 'SEV1',
      q: 'ledger',
      from: '2026-11-01T04:00:00.000Z',
      to: '2026-12-01T05:00:00.000Z',
      limit: '10',
      cursor: 'abc',
    });
  });
});
