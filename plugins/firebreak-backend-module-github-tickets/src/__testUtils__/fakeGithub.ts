import http from 'node:http';
import { AddressInfo } from 'node:net';

/** One request the fake GitHub API received. */
export interface ReceivedRequest {
  method: string;
  path: string;
  authorization?: string;
  body?: any;
}

/** What the fake answers: a status, GitHub's headers and a JSON body. */
export interface FakeResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Answers only after this long, like a GitHub that hangs. */
  delayMs?: number;
}

/**
 * A local HTTP server standing in for GitHub's REST API (`apiBaseUrl` in
 * `integrations.github`): tests queue the responses GitHub's documentation shows, and read
 * back what Octokit sent.
 */
export async function startFakeGithub() {
  const received: ReceivedRequest[] = [];
  const responses: FakeResponse[] = [];
  const server = http.createServer((req, res) => {
    let raw = '';
    req.on('data', chunk => {
      raw += chunk;
    });
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        authorization: req.headers.authorization,
        body: raw ? JSON.parse(raw) : undefined,
      });
      const next = responses.shift() ?? {
        status: 500,
        body: { message: 'the test queued no response' },
      };
      const answer = () => {
        res.writeHead(next.status, {
          'content-type': 'application/json; charset=utf-8',
          ...next.headers,
        });
        res.end(next.body === undefined ? '' : JSON.stringify(next.body));
      };
      if (next.delayMs) {
        setTimeout(answer, next.delayMs);
      } else {
        answer();
      }
    });
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    apiBaseUrl: `http://127.0.0.1:${port}`,
    received,
    respond(...queued: FakeResponse[]) {
      responses.push(...queued);
    },
    reset() {
      received.length = 0;
      responses.length = 0;
    },
    close: () =>
      new Promise<void>(resolve => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const user = {
  login: 'octocat',
  id: 1,
  node_id: 'MDQ6VXNlcjE=',
  avatar_url: 'https://github.com/images/error/octocat_happy.gif',
  url: 'https://api.github.com/users/octocat',
  html_url: 'https://github.com/octocat',
  type: 'User',
  site_admin: false,
};

/**
 * An issue as GitHub's REST documentation shows it for `POST /repos/{owner}/{repo}/issues`
 * (201) and `GET /repos/{owner}/{repo}/issues/{issue_number}` (200), trimmed of the fields
 * nobody reads.
 */
export function githubIssue(
  overrides: {
    owner?: string;
    repo?: string;
    number?: number;
    title?: string;
    body?: string;
    state?: 'open' | 'closed';
    state_reason?: 'completed' | 'not_planned' | 'reopened' | null;
    closed_at?: string | null;
    labels?: string[];
  } = {},
) {
  const owner = overrides.owner ?? 'acme';
  const repo = overrides.repo ?? 'payments';
  const number = overrides.number ?? 1347;
  const apiRepo = `https://api.github.com/repos/${owner}/${repo}`;
  return {
    id: 1,
    node_id: 'MDU6SXNzdWUx',
    url: `${apiRepo}/issues/${number}`,
    repository_url: apiRepo,
    labels_url: `${apiRepo}/issues/${number}/labels{/name}`,
    comments_url: `${apiRepo}/issues/${number}/comments`,
    events_url: `${apiRepo}/issues/${number}/events`,
    html_url: `https://github.com/${owner}/${repo}/issues/${number}`,
    number,
    state: overrides.state ?? 'open',
    state_reason: overrides.state_reason ?? null,
    title: overrides.title ?? 'Found a bug',
    body: overrides.body ?? "I'm having a problem with this.",
    user,
    labels: (overrides.labels ?? []).map((name, i) => ({
      id: 208045946 + i,
      node_id: 'MDU6TGFiZWwyMDgwNDU5NDY=',
      url: `${apiRepo}/labels/${name}`,
      name,
      description: null,
      color: 'f29513',
      default: false,
    })),
    assignee: null,
    assignees: [],
    milestone: null,
    locked: false,
    active_lock_reason: null,
    comments: 0,
    closed_at: overrides.closed_at ?? null,
    created_at: '2026-11-30T09:12:00Z',
    updated_at: '2026-11-30T09:12:00Z',
    closed_by: overrides.state === 'closed' ? user : null,
    author_association: 'COLLABORATOR',
  };
}

/** GitHub's error body: a message and the documentation link. */
export function githubError(message: string, documentationUrl: string) {
  return { message, documentation_url: documentationUrl };
}
