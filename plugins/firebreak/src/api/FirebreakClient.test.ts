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

  it('sends the action item filters, the runbook among them', async () => {
    const fetch = jest.fn(async (_url: string) => ({
      ok: true,
      json: async () => ({ items: [] }),
    }));
    const client = new FirebreakClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage' }),
      fetchApi: { fetch } as any,
    });

    await client.listActionItems({
      incidentRef: 'INC-42',
      runbookId: 'rb-1',
      status: ['open', 'in_progress'],
      overdue: true,
    });

    const url = new URL(fetch.mock.calls[0][0]);
    expect(url.pathname).toBe('/api/firebreak/action-items');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      incidentRef: 'INC-42',
      runbookId: 'rb-1',
      status: 'open,in_progress',
      overdue: 'true',
    });
  });

  it('gives no postmortem for a 404, and asks for Markdown when exporting', async () => {
    const fetch = jest.fn(async (url: string, _init?: RequestInit) =>
      url.endsWith('/postmortem')
        ? {
            ok: false,
            status: 404,
            statusText: 'Not Found',
            url,
            headers: new Map([['content-type', 'application/json']]),
            text: async (): Promise<string> =>
              JSON.stringify({
                error: { name: 'NotFoundError', message: 'INC-1 has none' },
              }),
          }
        : {
            ok: true,
            status: 200,
            text: async (): Promise<string> => '# INC-1',
          },
    );
    const client = new FirebreakClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage' }),
      fetchApi: { fetch } as any,
    });

    await expect(
      client.getIncidentPostmortem('INC-1'),
    ).resolves.toBeUndefined();
    await expect(client.exportPostmortem('pm 1')).resolves.toBe('# INC-1');
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backstage/api/firebreak/postmortems/pm%201/export',
    );
    expect(fetch.mock.calls[1][1]?.headers).toEqual({
      Accept: 'text/markdown',
    });
  });

  it('attaches an incident with the version on screen, and detaches one by its ref', async () => {
    const fetch = jest.fn(async (_url: string, _init?: RequestInit) => ({
      ok: true,
      status: 200,
      json: async () => ({ id: 'pm-1' }),
    }));
    const client = new FirebreakClient({
      discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage' }),
      fetchApi: { fetch } as any,
    });

    await client.attachPostmortemIncident('pm-1', 'INC-7', 4);
    await client.detachPostmortemIncident('pm-1', 'INC-7');

    expect(fetch.mock.calls[0][0]).toBe(
      'http://backstage/api/firebreak/postmortems/pm-1/incidents',
    );
    expect(fetch.mock.calls[0][1]).toMatchObject({
      method: 'POST',
      body: JSON.stringify({ incidentRef: 'INC-7', version: 4 }),
    });
    expect(fetch.mock.calls[1][0]).toBe(
      'http://backstage/api/firebreak/postmortems/pm-1/incidents/INC-7',
    );
    expect(fetch.mock.calls[1][1]).toMatchObject({ method: 'DELETE' });
  });
});
