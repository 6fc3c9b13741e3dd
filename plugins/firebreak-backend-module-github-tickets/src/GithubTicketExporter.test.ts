import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import {
  FirebreakTicketActionItem,
  FirebreakTicketExporterError,
} from '@firebreak/backstage-plugin-node';
import { GithubTicketExporter } from './GithubTicketExporter';
import {
  githubError,
  githubIssue,
  startFakeGithub,
} from './__testUtils__/fakeGithub';

const item: FirebreakTicketActionItem = {
  id: 'ai-1',
  title: 'Alert on checkout error rate above 2%',
  description: 'Detection took **40 minutes**: page on the error rate instead.',
  type: 'detect',
  priority: 'P1',
  dueAt: '2026-12-15T17:00:00.000Z',
  ownerRef: 'user:default/jane',
  ownerGroupRef: 'group:default/payments',
  entityRef: 'component:default/payments',
  incidentRef: 'INC-42',
  incidentTitle: 'Checkout errors',
  url: 'https://portal.example/firebreak/follow-ups/ai-1',
};

function component(annotations: Record<string, string>): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments', namespace: 'default', annotations },
    spec: { owner: 'group:default/payments' },
  };
}

const payments = component({ 'github.com/project-slug': 'acme/payments' });

describe('GithubTicketExporter', () => {
  let github: Awaited<ReturnType<typeof startFakeGithub>>;

  beforeAll(async () => {
    github = await startFakeGithub();
  });
  afterAll(() => github.close());
  beforeEach(() => github.reset());

  function exporter(
    githubConfig: object[] = [
      { host: 'github.com', apiBaseUrl: github.apiBaseUrl, token: 'ghp_test' },
    ],
    firebreak: object = {},
  ) {
    return GithubTicketExporter.fromConfig(
      new ConfigReader({ integrations: { github: githubConfig }, firebreak }),
    );
  }

  async function failure(promise: Promise<unknown>) {
    const error = await promise.then(
      () => undefined,
      e => e,
    );
    expect(error).toBeInstanceOf(FirebreakTicketExporterError);
    return error as FirebreakTicketExporterError;
  }

  it('supports entities with a github.com/project-slug annotation of owner/repo', () => {
    const tickets = exporter();
    expect(tickets.id).toBe('github');
    expect(tickets.supports({ entity: payments })).toBe(true);
    expect(tickets.supports({ entity: component({}) })).toBe(false);
    expect(
      tickets.supports({
        entity: component({ 'github.com/project-slug': 'acme' }),
      }),
    ).toBe(false);
    expect(
      tickets.supports({
        entity: component({ 'github.com/project-slug': 'acme/pay/ments' }),
      }),
    ).toBe(false);
  });

  it('creates an issue in the annotated repository with the token of integrations.github', async () => {
    github.respond({
      status: 201,
      headers: {
        location: 'https://api.github.com/repos/acme/payments/issues/1347',
      },
      body: githubIssue({ title: item.title, labels: ['firebreak'] }),
    });

    const ticket = await exporter().createTicket(item, { entity: payments });

    expect(ticket).toEqual({
      externalId: 'acme/payments#1347',
      url: 'https://github.com/acme/payments/issues/1347',
      status: { state: 'open' },
    });
    expect(github.received).toHaveLength(1);
    const [sent] = github.received;
    expect(sent.method).toBe('POST');
    expect(sent.path).toBe('/repos/acme/payments/issues');
    expect(sent.authorization).toBe('token ghp_test');
    expect(sent.body.title).toBe(item.title);
    expect(sent.body.labels).toEqual(['firebreak']);
    expect(sent.body.body).toContain(item.description);
    expect(sent.body.body).toContain(
      'Follow-up tracked in Firebreak: https://portal.example/firebreak/follow-ups/ai-1',
    );
    expect(sent.body.body).toContain('- **Priority:** P1');
    expect(sent.body.body).toContain('- **Due:** 2026-12-15');
    expect(sent.body.body).toContain(
      '- **Owner:** `user:default/jane` (`group:default/payments`)',
    );
    expect(sent.body.body).toContain(
      '- **Incident:** INC-42 — Checkout errors',
    );
  });

  it('puts the configured labels on the issue', async () => {
    github.respond({ status: 201, body: githubIssue() });
    await exporter(undefined, {
      githubTickets: { labels: ['postmortem', 'sev2'] },
    }).createTicket(item, { entity: payments });
    expect(github.received[0].body.labels).toEqual(['postmortem', 'sev2']);
  });

  it('uses the GitHub integration of the host in the entity source location', async () => {
    github.respond({ status: 201, body: githubIssue({ number: 7 }) });
    const tickets = exporter([
      { host: 'github.com', apiBaseUrl: 'http://127.0.0.1:9', token: 'wrong' },
      {
        host: 'ghe.acme.example',
        apiBaseUrl: `${github.apiBaseUrl}/api/v3`,
        token: 'ghe_token',
      },
    ]);
    const ticket = await tickets.createTicket(item, {
      entity: component({
        'github.com/project-slug': 'acme/payments',
        'backstage.io/source-location':
          'url:https://ghe.acme.example/acme/payments/tree/main/',
      }),
    });
    expect(ticket.externalId).toBe('acme/payments#7');
    expect(github.received[0].path).toBe('/api/v3/repos/acme/payments/issues');
    expect(github.received[0].authorization).toBe('token ghe_token');
  });

  it('refuses an entity without the annotation, naming it, without calling GitHub', async () => {
    const error = await failure(
      exporter().createTicket(item, { entity: component({}) }),
    );
    expect(error.reason).toBe('not-supported');
    expect(error.message).toBe(
      "component:default/payments has no valid 'github.com/project-slug' annotation (owner/repo), so there is no GitHub repository to create the issue in",
    );
    expect(github.received).toEqual([]);
  });

  it('refuses to create an issue without credentials for the host, without calling GitHub', async () => {
    const error = await failure(
      exporter([
        { host: 'github.com', apiBaseUrl: github.apiBaseUrl },
      ]).createTicket(item, { entity: payments }),
    );
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toMatch(
      /^No GitHub credentials for github\.com: add a token or a GitHub App for it under integrations\.github/,
    );
    expect(github.received).toEqual([]);
  });

  it('says the repository was not found on 404', async () => {
    github.respond({
      status: 404,
      body: githubError(
        'Not Found',
        'https://docs.github.com/rest/issues/issues#create-an-issue',
      ),
    });
    const error = await failure(
      exporter().createTicket(item, { entity: payments }),
    );
    expect(error.reason).toBe('not-found');
    expect(error.message).toBe(
      'Could not create an issue in acme/payments on github.com: GitHub does not know it, or the credentials configured under integrations.github cannot see it (GitHub answered 404: Not Found)',
    );
  });

  it('says the credentials were refused on 401', async () => {
    github.respond({
      status: 401,
      body: githubError('Bad credentials', 'https://docs.github.com/rest'),
    });
    const error = await failure(
      exporter().createTicket(item, { entity: payments }),
    );
    expect(error.reason).toBe('unauthorized');
    expect(error.message).toBe(
      'GitHub refused the credentials configured under integrations.github when trying to create an issue in acme/payments on github.com (GitHub answered 401: Bad credentials)',
    );
  });

  it('says the credentials may not create issues on 403', async () => {
    github.respond({
      status: 403,
      headers: { 'x-ratelimit-remaining': '4999' },
      body: githubError(
        'Resource not accessible by integration',
        'https://docs.github.com/rest/issues/issues#create-an-issue',
      ),
    });
    const error = await failure(
      exporter().createTicket(item, { entity: payments }),
    );
    expect(error.reason).toBe('forbidden');
    expect(error.message).toBe(
      'The GitHub credentials configured under integrations.github may not create an issue in acme/payments on github.com (GitHub answered 403: Resource not accessible by integration)',
    );
  });

  it('reports the primary rate limit (403, x-ratelimit-remaining 0) with the reset time', async () => {
    github.respond({
      status: 403,
      headers: {
        'x-ratelimit-limit': '5000',
        'x-ratelimit-remaining': '0',
        'x-ratelimit-used': '5000',
        'x-ratelimit-reset': '1796115600',
        'x-ratelimit-resource': 'core',
      },
      body: githubError(
        'API rate limit exceeded for user ID 1.',
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      ),
    });
    const error = await failure(
      exporter().createTicket(item, { entity: payments }),
    );
    expect(error.reason).toBe('rate-limited');
    expect(error.retryAt).toBe('2026-12-01T09:00:00.000Z');
    expect(error.message).toBe(
      "GitHub's rate limit stopped Firebreak from trying to create an issue in acme/payments on github.com; try again after 2026-12-01T09:00:00.000Z (GitHub answered 403: API rate limit exceeded for user ID 1.)",
    );
  });

  it('reports a secondary rate limit (429, retry-after) with when to retry', async () => {
    github.respond({
      status: 429,
      headers: { 'retry-after': '60' },
      body: githubError(
        'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
      ),
    });
    const before = Date.now();
    const error = await failure(
      exporter().createTicket(item, { entity: payments }),
    );
    expect(error.reason).toBe('rate-limited');
    const retryAt = Date.parse(error.retryAt!);
    expect(retryAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(retryAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(error.message).toMatch(
      /try again after .*\(GitHub answered 429: You have exceeded a secondary rate limit/,
    );
  });

  it('reads an open issue back', async () => {
    github.respond({ status: 200, body: githubIssue() });
    const status = await exporter().readStatus({
      externalId: 'acme/payments#1347',
      url: 'https://github.com/acme/payments/issues/1347',
    });
    expect(status).toEqual({ state: 'open' });
    expect(github.received[0]).toMatchObject({
      method: 'GET',
      path: '/repos/acme/payments/issues/1347',
      authorization: 'token ghp_test',
    });
  });

  it('reads a closed issue back with why and when it was closed', async () => {
    github.respond(
      {
        status: 200,
        body: githubIssue({
          state: 'closed',
          state_reason: 'completed',
          closed_at: '2026-12-03T10:00:00Z',
        }),
      },
      {
        status: 200,
        body: githubIssue({
          state: 'closed',
          state_reason: 'not_planned',
          closed_at: '2026-12-04T11:00:00Z',
        }),
      },
    );
    const ticket = {
      externalId: 'acme/payments#1347',
      url: 'https://github.com/acme/payments/issues/1347',
    };
    await expect(exporter().readStatus(ticket)).resolves.toEqual({
      state: 'closed',
      resolution: 'completed',
      closedAt: '2026-12-03T10:00:00Z',
    });
    await expect(exporter().readStatus(ticket)).resolves.toEqual({
      state: 'closed',
      resolution: 'not_planned',
      closedAt: '2026-12-04T11:00:00Z',
    });
  });

  it('says when the issue to read is gone (404) and refuses ids it did not make', async () => {
    github.respond({
      status: 404,
      body: githubError('Not Found', 'https://docs.github.com/rest'),
    });
    const gone = await failure(
      exporter().readStatus({
        externalId: 'acme/payments#9',
        url: 'https://github.com/acme/payments/issues/9',
      }),
    );
    expect(gone.reason).toBe('not-found');
    expect(gone.message).toMatch(
      /^Could not read issue acme\/payments#9 on github\.com: GitHub does not know it/,
    );

    const foreign = await failure(
      exporter().readStatus({
        externalId: 'PAY-12',
        url: 'https://jira.example/browse/PAY-12',
      }),
    );
    expect(foreign.reason).toBe('not-supported');
    expect(github.received).toHaveLength(1);
  });

  it('gives up on a GitHub that does not answer in time', async () => {
    github.respond({ status: 201, body: githubIssue(), delayMs: 2_000 });
    const tickets = GithubTicketExporter.fromConfig(
      new ConfigReader({
        integrations: {
          github: [
            { host: 'github.com', apiBaseUrl: github.apiBaseUrl, token: 't' },
          ],
        },
      }),
      { timeoutMs: 200 },
    );
    const started = Date.now();
    const error = await failure(
      tickets.createTicket(item, { entity: payments }),
    );
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(error.reason).toBe('unavailable');
    expect(error.message).toMatch(
      /^Could not create an issue in acme\/payments on github\.com: GitHub could not be reached \(.+\)$/,
    );
  });

  it('says GitHub could not be reached', async () => {
    const error = await failure(
      exporter([
        { host: 'github.com', apiBaseUrl: 'http://127.0.0.1:9', token: 't' },
      ]).createTicket(item, { entity: payments }),
    );
    expect(error.reason).toBe('unavailable');
    expect(error.message).toMatch(
      /^Could not create an issue in acme\/payments on github\.com: GitHub could not be reached \(.+\)$/,
    );
  });
});
